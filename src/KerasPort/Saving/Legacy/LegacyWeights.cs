using KerasPort.Layers;
using KerasPort.Models;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasPort.Saving.Legacy;

/// <summary>
/// Which variables a legacy <c>.h5</c> file holds for a layer, in which order, and under which
/// names, as Keras 3's <c>legacy_h5_format</c> writes them.
/// </summary>
internal static class LegacyWeights
{
    /// <summary>
    /// Keras's <c>_legacy_weights</c>: the trainable weights then the non-trainable ones (Dense
    /// kernel, bias; BatchNormalization gamma, beta, moving_mean, moving_variance; SeparableConv2D
    /// depthwise, pointwise, bias). A frozen layer's weights are all non-trainable, in creation order.
    /// </summary>
    public static IReadOnlyList<Parameter> legacy_weights(Layer layer) => [.. layer.trainable_weights, .. layer.non_trainable_weights];

    /// <summary>
    /// Keras's variable paths (<c>variable.path</c>), the names the file gives each weight: a layer
    /// builds its weights inside its own name scope, and a Sequential or a subclassed model builds
    /// its layers inside its own, so a Sequential's Dense has <c>sequential/dense/kernel</c> and a
    /// Functional model's <c>dense/kernel</c> (its layers were built when the graph was made,
    /// outside the model).
    /// </summary>
    public static Dictionary<Parameter, string> paths(Model model)
    {
        var result = new Dictionary<Parameter, string>(ReferenceEqualityComparer.Instance);
        add_model_paths(model, "", result);
        return result;
    }

    /// <summary>
    /// The name scope <paramref name="model"/>'s layers were built in, inside <paramref name="outer"/>:
    /// none for a Functional model, whose layers were built before it existed.
    /// </summary>
    private static string scope(Model model, string outer) =>
        model is not Sequential && model.inputs.Count > 0 ? "" : $"{outer}{model.name}/";

    private static void add_model_paths(Model model, string outer, Dictionary<Parameter, string> result)
    {
        string inner = scope(model, outer);
        foreach (var weight in model.own_variables) result.TryAdd(weight.variable, inner + weight.name);
        foreach (var layer in model.layers) add_paths(layer, inner, result);
    }

    private static void add_paths(Layer layer, string scope, Dictionary<Parameter, string> result)
    {
        if (layer is Model nested)
        {
            add_model_paths(nested, scope, result);
            return;
        }
        foreach (var weight in layer.own_variables) result.TryAdd(weight.variable, $"{scope}{layer.name}/{weight.name}");
        foreach (var child in layer.tracked_layers) add_paths(child, $"{scope}{layer.name}/", result);
    }
}
