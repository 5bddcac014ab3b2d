using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Losses;
using KerasPort.Metrics;
using KerasPort.Optimizers;
using KerasPort.Saving;
using KerasPort.Saving.Legacy;
using TorchSharp;

namespace KerasPort.Models;

public partial class Model
{
    /// <summary>The arguments given to <c>compile</c>, as given (Keras's <c>get_compile_config</c> serializes these).</summary>
    private (OptimizerSpec optimizer, LossSpec? loss, CompileMetrics? metrics, LossWeights? loss_weights)? _compile_args;

    /// <summary>
    /// Writes the weights in Keras 3's <c>.weights.h5</c> layout: the model's own (empty) group, one
    /// group per layer under <c>layers/</c>, named from the class (<c>dense</c>, <c>dense_1</c>, ...)
    /// as Keras names them, and, once the model is compiled, the optimizer's variables under
    /// <c>optimizer/</c> (iteration as int32, learning rate, then the slots in Keras's order).
    /// Refuses a path not ending in <c>.weights.h5</c> and an unbuilt model, as Keras does.
    /// </summary>
    public virtual void save_weights(string filepath, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (!filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
            throw new ArgumentException($"The filename must end in `.weights.h5`. Received: filepath={filepath}", nameof(filepath));
        if (!overwrite && File.Exists(filepath))
            throw new IOException($"The file {filepath} exists and overwrite is false.");
        require_built_for("saving");
        // The copies and conversions saving makes are released when the file is written.
        using var scope = torch.NewDisposeScope();
        WeightsFile.write(filepath, saving_entries(), overwrite);
    }

    /// <summary>
    /// Reads weights written by Keras 3 or by <see cref="save_weights"/>, from a <c>.weights.h5</c>
    /// file or from the <c>model.weights.h5</c> of a <c>.keras</c> file. Layers are matched by their
    /// saving path (class-based, so layer names may differ, as in Keras); every count and shape is
    /// checked before any weight changes. The optimizer's state is restored when the model is
    /// compiled and its optimizer has as many variables as the saved one; otherwise Keras's
    /// "Skipping variable loading for optimizer" warning is written and the layers still load.
    /// </summary>
    /// <param name="filepath">A <c>.weights.h5</c>, <c>.keras</c>, or legacy <c>.h5</c>/<c>.hdf5</c> file.</param>
    /// <param name="skip_mismatch">Legacy <c>.h5</c> files only: skip, with a warning, the weights whose shape differs (default false: raise).</param>
    /// <param name="by_name">Legacy <c>.h5</c> files only: match layers by name instead of by order (default: by order).</param>
    public virtual void load_weights(string filepath, bool skip_mismatch = false, bool? by_name = null)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (LegacyH5Format.is_legacy_path(filepath))
        {
            require_built_for("loading");
            LegacyH5Format.load_weights(this, filepath, skip_mismatch, by_name ?? false);
            return;
        }
        if (by_name is not null)
            throw new ArgumentException($"`by_name` only supports loading legacy '.h5' or '.hdf5' files. Received: {filepath}", nameof(by_name));
        if (skip_mismatch)
            throw new NotSupportedException($"KerasPort skips mismatched weights in legacy '.h5' or '.hdf5' files only. Received: {filepath}");
        if (filepath.EndsWith(".weights.h5", StringComparison.Ordinal))
        {
            require_built_for("loading");
            using var stored = StoredWeights.open(filepath);
            load_entries(stored);
        }
        else if (filepath.EndsWith(".keras", StringComparison.Ordinal))
        {
            require_built_for("loading");
            KerasArchive.load_weights(this, filepath);
        }
        else
            throw new ArgumentException($"File format not supported: filepath={filepath}. Keras 3 only supports V3 `.keras` files, `.weights.h5` files, or legacy H5 format files (`.h5` extension).", nameof(filepath));
    }

    /// <summary>
    /// Keras's <c>model.save(filepath)</c>: the whole model in Keras 3's <c>.keras</c> format (a zip of
    /// <c>metadata.json</c>, <c>config.json</c> and <c>model.weights.h5</c>), or, for a <c>.h5</c> or
    /// <c>.hdf5</c> path, in Keras's legacy HDF5 format; written atomically. Read it back with
    /// <c>keras.models.load_model</c>.
    /// </summary>
    /// <param name="filepath">Where to write: a <c>.keras</c>, <c>.h5</c> or <c>.hdf5</c> path.</param>
    /// <param name="overwrite">Whether an existing file is replaced (default true).</param>
    /// <param name="include_optimizer">Legacy HDF5 only: whether the compile arguments and optimizer state are saved (default true); a <c>.keras</c> file always has them.</param>
    public void save(string filepath, bool overwrite = true, bool include_optimizer = true)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        if (LegacyH5Format.is_legacy_path(filepath)) LegacyH5Format.save_model_to_hdf5(this, filepath, overwrite, include_optimizer);
        else KerasArchive.save_model(this, filepath, overwrite);
    }

    /// <summary>
    /// Keras's <c>get_compile_config</c>: the arguments of <c>compile</c>, serialized (optimizer,
    /// loss, loss_weights, metrics, ...); an empty dictionary before <c>compile</c>.
    /// </summary>
    public Dictionary<string, object?> get_compile_config()
    {
        if (_compile_args is not { } args) return new();
        return new()
        {
            ["optimizer"] = Serialization.serialize_keras_object(args.optimizer.value),
            ["loss"] = Serialization.serialize_keras_object(args.loss?.value),
            ["loss_weights"] = Serialization.serialize_keras_object(args.loss_weights?.value),
            ["metrics"] = serialize_metrics(args.metrics),
            ["weighted_metrics"] = serialize_metrics(_weighted_metric_specs),
            ["run_eagerly"] = run_eagerly,
            ["steps_per_execution"] = steps_per_execution,
            ["jit_compile"] = jit_compile,
        };
    }

    /// <summary>A list of metrics as Keras's compile config holds it; null when none were given.</summary>
    private static List<object?>? serialize_metrics(CompileMetrics? metrics) =>
        metrics?.list is { Count: > 0 } list ? list.Select(m => Serialization.serialize_keras_object(m.value)).ToList() : null;

    private void require_built_for(string action)
    {
        if ((layers.Count == 0 && own_variables.Count == 0) || !built || layers.Any(l => !l.built))
            throw new InvalidOperationException(action == "saving"
                ? "You are saving a model that has not yet been built. Try building the model first by calling it on some data or by using `build()`."
                : "You are loading weights into a model that has not yet been built. Try building the model first by calling it on some data or by using `build()`.");
    }

    /// <summary>
    /// What Keras's saving walks (<c>saving_lib._save_state</c>), in its order: the model's own
    /// variables at the root, then each layer under <c>layers/</c> named from its class
    /// (<c>dense</c>, <c>dense_1</c>, ...); a model used as a layer nests the same way
    /// (<c>layers/sequential/vars</c>, <c>layers/sequential/layers/dense/vars</c>), and any other
    /// layer keeps all its variables in its own group. A layer met twice (shared) is saved once.
    /// </summary>
    internal List<(string path, Layer layer, bool model_own)> saving_plan()
    {
        var plan = new List<(string path, Layer layer, bool model_own)>();
        var visited = new HashSet<Layer>(ReferenceEqualityComparer.Instance);
        void walk(Layer layer, string path)
        {
            if (!visited.Add(layer)) return;
            if (layer is not Model model)
            {
                plan.Add((path, layer, false));
                return;
            }
            plan.Add((path, model, true));
            var paths = WeightsFile.container_paths(path.Length == 0 ? "layers" : path + "/layers", model.layers.Select(saving_class_name));
            for (int i = 0; i < model.layers.Count; i++) walk(model.layers[i], paths[i]);
        }
        walk(this, "");
        return plan;
    }

    /// <summary>The class name Keras's paths come from: a Functional model made with <c>new Model(inputs, outputs)</c> is Keras's <c>Functional</c>.</summary>
    private static string saving_class_name(Layer layer) => layer.GetType() == typeof(Model) && layer is Model { is_functional: true } ? "Functional" : layer.GetType().Name;

    /// <summary>The variables Keras saves in a group: a model's own, or every variable of a layer.</summary>
    private static IReadOnlyList<LayerWeight> saved_variables(Layer layer, bool model_own) => model_own ? layer.own_variables : layer.variables;

    /// <summary>The entries <see cref="WeightsFile"/> writes: <see cref="saving_plan"/>'s groups, then the optimizer's once compiled.</summary>
    internal List<(string path, string name, torch.Tensor[] variables)> saving_entries()
    {
        var entries = saving_plan().Select(p => (p.path, p.layer.name, p.model_own ? p.layer.own_variables.Select(w => w.variable.detach().clone()).ToArray() : p.layer.get_weights())).ToList();
        if (optimizer is not null)
        {
            var variables = optimizer.variables.ToArray();
            // The torch backend keeps `iteration` as int32.
            variables[0] = variables[0].to_type(torch.ScalarType.Int32);
            entries.Add(("optimizer", optimizer.name, variables));
        }
        return entries;
    }

    /// <summary>
    /// Checks every group of <see cref="saving_plan"/> against the shapes <paramref name="stored"/>
    /// declares, then reads only the data the model needs and sets it all; the optimizer as Keras's
    /// <c>load_own_variables</c>. Nothing is read before every shape matched, so a file cannot make
    /// the load allocate more than the model holds, and nothing changes on failure.
    /// </summary>
    internal void load_entries(StoredWeights stored)
    {
        string filepath = stored.source;
        var by_path = new Dictionary<string, StoredGroup>(StringComparer.Ordinal);
        foreach (var group in stored.groups) by_path.TryAdd(group.path.Trim('/'), group);
        var plan = new List<(Layer layer, bool model_own, StoredGroup group)>();
        foreach (var (path, layer, model_own) in saving_plan())
        {
            var expected = saved_variables(layer, model_own);
            string where = path.Length == 0 ? "vars" : path + "/vars";
            if (!by_path.TryGetValue(path, out var group))
            {
                if (expected.Count == 0) continue;
                throw new ArgumentException($"A total of {expected.Count} objects could not be loaded: the file {filepath} has no group '{where}' for {(model_own ? "model" : "layer")} '{layer.name}'.", nameof(filepath));
            }
            var values = group.variables;
            if (values.Length != expected.Count)
                throw new ArgumentException($"Layer '{layer.name}' expected {expected.Count} variables, but received {values.Length} variables during loading from '{where}'.", nameof(filepath));
            for (int j = 0; j < values.Length; j++)
            {
                if (!values[j].shape.SequenceEqual(expected[j].variable.shape))
                    throw new ArgumentException($"Layer '{layer.name}' weight {j} has shape {ShapeText.format(expected[j].variable.shape)}; the file {filepath} has {ShapeText.format(values[j].shape)} at '{where}/{j}'.", nameof(filepath));
            }
            if (values.Length > 0) plan.Add((layer, model_own, group));
        }
        StoredGroup? optimizer_group;
        using (torch.NewDisposeScope()) optimizer_group = optimizer is null ? null : plan_optimizer(by_path.GetValueOrDefault("optimizer"), filepath);

        // Every shape matched: read only what the model needs; everything read is released when the weights are set.
        using var scope = torch.NewDisposeScope();
        var values_read = plan.Select(p => stored.read(p.group)).ToList();
        var optimizer_values = optimizer_group is null ? null : stored.read(optimizer_group);
        for (int i = 0; i < plan.Count; i++)
        {
            var (layer, model_own, _) = plan[i];
            if (!model_own)
            {
                layer.set_weights(values_read[i]);
                continue;
            }
            var own = layer.own_variables;
            using (torch.no_grad())
                for (int j = 0; j < own.Count; j++) own[j].variable.copy_(values_read[i][j].to_type(own[j].variable.dtype));
        }
        if (optimizer_values is not null) set_optimizer_variables(optimizer_values);
    }

    /// <summary>The saved optimizer group when it fits this optimizer; null (with Keras's warning) when its count differs.</summary>
    private StoredGroup? plan_optimizer(StoredGroup? group, string filepath)
    {
        var saved = group?.variables ?? [];
        var current = optimizer!.variables;
        if (saved.Length != current.Count)
        {
            Callback.warn($"Skipping variable loading for optimizer '{optimizer.name}', because it has {current.Count} variables whereas the saved optimizer has {saved.Length} variables. ");
            return null;
        }
        for (int i = 0; i < saved.Length; i++)
        {
            if (!saved[i].shape.SequenceEqual(current[i].shape))
                throw new ArgumentException($"Optimizer '{optimizer.name}' variable {i} has shape {ShapeText.format(current[i].shape)}; the file {filepath} has {ShapeText.format(saved[i].shape)}.", nameof(filepath));
        }
        return group;
    }

    // The optimizer knows which of its variables are the iteration count and the learning rate (absent with a schedule).
    private void set_optimizer_variables(torch.Tensor[] saved) => optimizer!.set_weights(saved);
}
