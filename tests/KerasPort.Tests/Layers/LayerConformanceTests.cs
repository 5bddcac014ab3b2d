using System.Text.Json;
using System.Text.Json.Nodes;
using KerasPort.Layers;

namespace KerasPort.Tests.Layers;

/// <summary>
/// Every single-input layer case recorded from Keras 3.15 (tools/record_layer_cases.py): the layer
/// built from Keras's keyword arguments has Keras's get_config, compute_output_shape, parameter
/// count and weight shapes; with the recorded weights, its outputs in inference and training mode
/// and its weights after the training call (BatchNormalization's moving statistics) match Keras's
/// within 1e-5 (absolute, relative above 1: float32 sums of at most a few dozen products).
/// </summary>
public sealed class LayerConformanceTests
{
    private const double Tolerance = 1e-5;

    private static void AssertClose(Tensor actual, Tensor expected, string what)
    {
        Assert.That(actual.shape, Is.EqualTo(expected.shape), what + " shape");
        var diff = (actual.to_type(ScalarType.Float64) - expected.to_type(ScalarType.Float64)).abs();
        var bound = expected.to_type(ScalarType.Float64).abs().clamp_min(1.0) * Tolerance;
        Assert.That(diff.le(bound).all().item<bool>(), Is.True, $"{what}: max |diff| {diff.max().item<double>():E3}");
    }

    private static Layer Build(JsonObject c)
    {
        var kwargs = c["kwargs"]!.AsObject().DeepClone().AsObject();
        kwargs["name"] = (string)c["name"]!;
        var layer = RecordedLayerCases.construct((string)c["class_name"]!, kwargs);
        layer.build([null, .. RecordedLayerCases.shape(c["input_shape"]!).Skip(1)]);
        return layer;
    }

    [TestCaseSource(typeof(RecordedLayerCases), nameof(RecordedLayerCases.Names))]
    public void Config_shapes_and_parameter_count_are_Keras(string name)
    {
        var c = RecordedLayerCases.find(name);
        var layer = Build(c);
        var ours = JsonNode.Parse(JsonSerializer.Serialize(layer.get_config()));
        Assert.That(JsonNode.DeepEquals(ours, c["config"]), Is.True, $"config\nours:  {ours!.ToJsonString()}\nKeras: {c["config"]!.ToJsonString()}");
        var input = RecordedLayerCases.shape(c["input_shape"]!);
        Assert.That(layer.compute_output_shape([null, .. input.Skip(1)]), Is.EqualTo(RecordedLayerCases.shape(c["output_shape"]!)), "compute_output_shape");
        Assert.That(layer.count_params(), Is.EqualTo((long)c["count_params"]!), "count_params");
        var weights = c["weights"]!.AsArray();
        Assert.That(layer.variables.Select(v => v.name), Is.EqualTo(weights.Select(w => (string)w!["name"]!)), "weight names in Keras's order");
        Assert.That(layer.variables.Select(v => v.variable.shape), Is.EqualTo(weights.Select(w => RecordedLayerCases.shape(w!["shape"]!).Select(d => d!.Value).ToArray())), "weight shapes");
        // A frozen layer's variables all read as not trainable in Keras.
        Assert.That(layer.variables.Select(v => v.trainable && layer.trainable), Is.EqualTo(weights.Select(w => (bool)w!["trainable"]!)), "trainable flags");
    }

    [TestCaseSource(typeof(RecordedLayerCases), nameof(RecordedLayerCases.Names))]
    public void Outputs_match_Keras_in_inference_and_training(string name)
    {
        var c = RecordedLayerCases.find(name);
        var a = RecordedLayerCases.arrays(name);
        var layer = Build(c);
        var weights = Enumerable.Range(0, layer.variables.Count).Select(i => a[$"w{i}"]).ToArray();
        layer.set_weights(weights);
        AssertClose(layer.__call__(a["x"], training: false), a["y_infer"], "inference output");
        if ((bool)c["y_train_recorded"]!)
            AssertClose(layer.__call__(a["x"], training: true), a["y_train"], "training output");
        var after = layer.get_weights();
        for (int i = 0; i < after.Length; i++) AssertClose(after[i], a[$"a{i}"], $"weight {i} after the training call");
    }

    /// <summary>
    /// What a .keras file holds for the layer (Keras's config) loads back as the same layer. Left out:
    /// BatchNormalization with renorm, whose renorm_clipping dictionary the file loader
    /// (Saving/Deserialization.cs) does not convert yet.
    /// </summary>
    [TestCaseSource(typeof(RecordedLayerCases), nameof(RecordedLayerCases.Loadable))]
    public void Keras_config_loads_back(string name)
    {
        var c = RecordedLayerCases.find(name);
        var stored = KerasPort.Saving.KerasJson.loads(new JsonObject
        {
            ["module"] = "keras.layers",
            ["class_name"] = (string)c["class_name"]!,
            ["config"] = c["config"]!.DeepClone(),
            ["registered_name"] = null,
        }.ToJsonString());
        var layer = (Layer)KerasPort.Saving.Deserialization.deserialize_keras_object(stored)!;
        Assert.That(layer.GetType().Name, Is.EqualTo((string)c["class_name"]!));
        layer.build([null, .. RecordedLayerCases.shape(c["input_shape"]!).Skip(1)]);
        var ours = JsonNode.Parse(JsonSerializer.Serialize(layer.get_config()));
        Assert.That(JsonNode.DeepEquals(ours, c["config"]), Is.True, $"config\nours:  {ours!.ToJsonString()}\nKeras: {c["config"]!.ToJsonString()}");
    }

    [TestCaseSource(typeof(RecordedLayerCases), nameof(RecordedLayerCases.Errors))]
    public void Bad_arguments_raise_Keras_message(int index)
    {
        var e = RecordedLayerCases.errors[index]!;
        var ex = Assert.Catch<ArgumentException>(() => RecordedLayerCases.construct((string)e["class_name"]!, e["kwargs"]!.AsObject()))!;
        Assert.That(Normalize(ex.Message), Does.StartWith(Normalize((string)e["message"]!)));
        Assert.That(ex.ParamName, Is.Not.Null.And.Not.Empty);
    }

    /// <summary>Python prints the allowed values as a set, in hash order: compare them sorted.</summary>
    private static string Normalize(string message) => System.Text.RegularExpressions.Regex.Replace(message, @"\{([^{}]*)\}",
        m => "{" + string.Join(", ", m.Groups[1].Value.Split(", ").Order(StringComparer.Ordinal)) + "}");
}
