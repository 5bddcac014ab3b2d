using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Utils;
using PureHDF;
using TorchSharp;
using Parameter = TorchSharp.Modules.Parameter;

namespace KerasPort.Saving.Legacy;

/// <summary>
/// Keras's legacy HDF5 format (<c>keras/src/legacy/saving/legacy_h5_format.py</c>): whole models
/// saved with <c>model.save("model.h5")</c> by Keras 3 or tf.keras 2, and the weights files of
/// tf.keras 2's <c>save_weights("w.h5")</c>.
/// </summary>
/// <remarks>
/// A whole-model file has the root attributes <c>keras_version</c>, <c>backend</c>,
/// <c>model_config</c> (JSON) and, for a compiled model, <c>training_config</c> (JSON); the group
/// <c>model_weights</c> whose attribute <c>layer_names</c> lists the layers, one group per layer
/// whose attribute <c>weight_names</c> lists its datasets (trainable weights first), a
/// <c>top_level_model_weights</c> group; and the group <c>optimizer_weights</c>. A weights file is
/// the <c>model_weights</c> group alone, at the root.
/// </remarks>
/// <example><code>
/// model.save("model.h5");
/// var again = keras.models.load_model("model.h5");
/// other.load_weights("model.h5", by_name: true, skip_mismatch: true);
/// </code></example>
public static class LegacyH5Format
{
    /// <summary>The backend these files name: Keras 3 on torch.</summary>
    public const string backend = "torch";

    private static readonly H5WriteOptions WriteOptions = new(PreferCompactDatasetLayout: false);

    /// <summary>True for a path that Keras reads and writes in this format (<c>.h5</c> or <c>.hdf5</c>, but not <c>.weights.h5</c>).</summary>
    internal static bool is_legacy_path(string filepath) =>
        (filepath.EndsWith(".h5", StringComparison.Ordinal) || filepath.EndsWith(".hdf5", StringComparison.Ordinal))
        && !filepath.EndsWith(".weights.h5", StringComparison.Ordinal);

    /// <summary>
    /// Keras's <c>save_model_to_hdf5</c>: writes <paramref name="model"/> (its config in Keras 3's
    /// legacy layout, its weights, and with <paramref name="include_optimizer"/> its training config
    /// and optimizer state) to <paramref name="filepath"/>, atomically: a failure leaves no file, or
    /// the previous one, in place.
    /// </summary>
    /// <param name="model">The model to save.</param>
    /// <param name="filepath">A <c>.h5</c> or <c>.hdf5</c> path.</param>
    /// <param name="overwrite">Whether an existing file is replaced (default true); false refuses it.</param>
    /// <param name="include_optimizer">Whether the compile arguments and the optimizer's variables are saved (default true).</param>
    public static void save_model_to_hdf5(Model model, string filepath, bool overwrite = true, bool include_optimizer = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(filepath);
        if (!is_legacy_path(filepath))
            throw new ArgumentException($"Invalid filepath extension for saving in the legacy HDF5 format: expected `.h5` or `.hdf5`. Received: filepath={filepath}", nameof(filepath));
        if (!overwrite && File.Exists(filepath))
            throw new IOException($"The file {filepath} exists and overwrite is false.");
        Callback.warn("You are saving your model as an HDF5 file via `model.save()` or `keras.saving.save_model(model)`. This file format is considered legacy. " +
            "We recommend using instead the native Keras format, e.g. `model.save('my_model.keras')` or `keras.saving.save_model(model, 'my_model.keras')`. ");

        var serialized = Serialization.serialize_keras_object(model) as IDictionary<string, object?>
            ?? throw new ArgumentException($"Cannot serialize the model {model.name}.", nameof(model));
        var root = new H5File
        {
            Attributes = new()
            {
                ["keras_version"] = KerasArchive.keras_version,
                ["backend"] = backend,
                ["model_config"] = KerasJson.dumps(LegacyConfig.to_legacy(serialized)),
            },
        };
        bool with_optimizer = include_optimizer && model.optimizer is not null;
        if (with_optimizer && model.compiled) root.Attributes["training_config"] = KerasJson.dumps(LegacyConfig.training_config(model));

        // The copies saving makes are released once the file is written.
        using var scope = torch.NewDisposeScope();
        var names = LegacyWeights.paths(model);
        var weights_group = new H5Group
        {
            Attributes = new()
            {
                ["layer_names"] = model.layers.Select(l => l.name).ToArray(),
                ["backend"] = backend,
                ["keras_version"] = KerasArchive.keras_version,
            },
        };
        foreach (var layer in model.layers)
        {
            var weights = LegacyWeights.legacy_weights(layer);
            weights_group[layer.name] = subset_group(weights.Select((w, i) => (names.GetValueOrDefault(w) ?? $"{layer.name}/variable_{i}", (torch.Tensor)w)).ToList());
        }
        weights_group["top_level_model_weights"] = subset_group(top_level_weights(model).Select(w => (names[w], (torch.Tensor)w)).ToList());
        root["model_weights"] = weights_group;

        if (with_optimizer && model.optimizer!.variables.Count > 0)
        {
            var optimizer = model.optimizer;
            var variables = optimizer.variables.ToArray();
            // The torch backend keeps `iteration` as int32.
            variables[0] = variables[0].to_type(torch.ScalarType.Int32);
            var variable_names = optimizer.variable_names(names).Select(n => $"{optimizer.name}/{n}");
            root["optimizer_weights"] = subset_group(variable_names.Zip(variables).ToList());
        }
        WeightsFile.WriteAtomically(filepath, stream => root.Write(stream, WriteOptions));
    }

    /// <summary>Keras's <c>save_subset_weights_to_hdf5_group</c>: the <c>weight_names</c> attribute and one dataset per name (a name's slashes are groups).</summary>
    private static H5Group subset_group(IReadOnlyList<(string name, torch.Tensor value)> weights)
    {
        // h5py stores an empty list of names as an empty float64 array.
        var group = new H5Group { Attributes = new() { ["weight_names"] = weights.Count == 0 ? Array.Empty<double>() : weights.Select(w => w.name).ToArray() } };
        foreach (var (name, value) in weights)
        {
            int slash = name.LastIndexOf('/');
            var parent = slash < 0 ? group : WeightsFile.GroupAt(group, name[..slash]);
            string leaf = name[(slash + 1)..];
            if (parent.ContainsKey(leaf))
                throw new ArgumentException($"Two weights have the same name '{name}'; the legacy HDF5 format names each weight by its path.", nameof(weights));
            parent[leaf] = WeightsFile.ToDataset(value);
        }
        return group;
    }

    /// <summary>
    /// Keras's <c>load_model_from_hdf5</c>: the model that <paramref name="filepath"/> describes,
    /// with its weights, and compiled from its <c>training_config</c> (optimizer state included)
    /// unless <paramref name="compile"/> is false or the file has none (then with Keras's warning).
    /// </summary>
    /// <param name="filepath">A whole-model <c>.h5</c>/<c>.hdf5</c> file written by Keras 3 or tf.keras 2.</param>
    /// <param name="compile">Whether to compile the model from the file's training config (default true).</param>
    public static Model load_model_from_hdf5(string filepath, bool compile = true)
    {
        ArgumentNullException.ThrowIfNull(filepath);
        using var file = LegacyH5File.open(filepath);
        var model_config = file.text(file.root, "model_config")
            ?? throw FileErrors.invalid(filepath, $"No model config found in the file at {filepath}. A weights-only file loads with `model.load_weights`.");
        Model model;
        try
        {
            var config = LegacyConfig.model_from_config(decode(file, model_config, "model_config"));
            model = Deserialization.deserialize_keras_object(config, compile: false) as Model
                ?? throw FileErrors.invalid(filepath, "its model_config does not describe a model.");
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or FormatException or OverflowException or KeyNotFoundException)
        {
            throw FileErrors.invalid(filepath, $"its model_config describes no model KerasPort can build: {e.Message}", e);
        }
        try
        {
            load_weights_from_hdf5_group(file, file.group(file.root, "model_weights", "/"), model, skip_mismatch: false);
            if (compile) compile_from_training_config(file, model);
            return model;
        }
        catch
        {
            (model as IDisposable).Dispose();
            throw;
        }
    }

    private static object? decode(LegacyH5File file, string json, string attribute)
    {
        try
        {
            return LegacyConfig.decode(json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw FileErrors.invalid(file.source, $"its {attribute} attribute is not valid JSON: {e.Message}", e);
        }
    }

    private static void compile_from_training_config(LegacyH5File file, Model model)
    {
        var text = file.text(file.root, "training_config");
        if (text is null)
        {
            Callback.warn("No training configuration found in the save file, so the model was *not* compiled. Compile it manually.");
            return;
        }
        if (decode(file, text, "training_config") is not IDictionary<string, object?> training_config)
            throw FileErrors.invalid(file.source, "its training_config is not a dictionary.");
        try
        {
            Deserialization.compile_from_config(model, LegacyConfig.compile_config(training_config));
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or FormatException or KeyNotFoundException)
        {
            throw FileErrors.invalid(file.source, $"its training_config cannot compile the model (load it with compile: false to skip it): {e.Message}", e);
        }
        if (!file.has_group(file.root, "optimizer_weights")) return;

        var optimizer = model.optimizer!;
        optimizer.build(model.trainable_weights);
        var saved = file.subset(file.group(file.root, "optimizer_weights", "/"), "optimizer_weights");
        var current = optimizer.variables;
        if (saved.Count != current.Count || saved.Zip(current).Any(p => !p.First.shape.SequenceEqual(p.Second.shape)))
        {
            Callback.warn("Error in loading the saved optimizer state. As a result, your model is starting with a freshly initialized optimizer.");
            return;
        }
        using var scope = torch.NewDisposeScope();
        optimizer.set_weights(StoredWeights.read(saved));
    }

    /// <summary>
    /// Keras's <c>load_weights</c> for a legacy <c>.h5</c>/<c>.hdf5</c> file (a whole-model file or a
    /// weights file): layers matched in order, or by name with <paramref name="by_name"/>; with
    /// <paramref name="skip_mismatch"/>, weights whose shape (or, by name, layers whose weight count)
    /// differs are skipped with Keras's warning. Every check runs before any weight changes.
    /// </summary>
    internal static void load_weights(Model model, string filepath, bool skip_mismatch, bool by_name)
    {
        using var file = LegacyH5File.open(filepath);
        var group = file.root;
        if (!file.has_attribute(group, "layer_names") && file.has_group(group, "model_weights"))
            group = file.group(group, "model_weights", "/");
        if (by_name) load_weights_from_hdf5_group_by_name(file, group, model, skip_mismatch);
        else load_weights_from_hdf5_group(file, group, model, skip_mismatch);
    }

    /// <summary>Keras's <c>load_weights_from_hdf5_group</c>: topological loading, the layers with weights in order.</summary>
    private static void load_weights_from_hdf5_group(LegacyH5File file, IH5Group group, Model model, bool skip_mismatch)
    {
        var filtered_layers = model.layers.Where(l => LegacyWeights.legacy_weights(l).Count > 0).ToList();
        var saved = new List<(string name, IReadOnlyList<StoredVariable> values)>();
        foreach (var name in file.list(group, "layer_names"))
        {
            var values = file.subset(file.group(group, name, "model_weights"), name);
            if (values.Count > 0) saved.Add((name, values));
        }
        if (saved.Count != filtered_layers.Count)
            throw new ArgumentException($"Layer count mismatch when loading weights from file {file.source}. Model expected {filtered_layers.Count} layers, found {saved.Count} saved layers.", "filepath");

        var plan = new List<(Parameter target, StoredVariable source)>();
        var names = LegacyWeights.paths(model);
        for (int k = 0; k < saved.Count; k++)
        {
            var layer = filtered_layers[k];
            var symbolic = LegacyWeights.legacy_weights(layer);
            if (saved[k].values.Count != symbolic.Count)
                throw new ArgumentException($"Weight count mismatch for layer #{k} (named {layer.name} in the current model, {saved[k].name} in the save file). " +
                    $"Layer expects {symbolic.Count} weight(s). Received {saved[k].values.Count} saved weight(s)", "filepath");
            plan_weights(plan, symbolic, saved[k].values, $"layer #{k} (named {layer.name})", skip_mismatch, names);
        }
        if (file.has_group(group, "top_level_model_weights"))
        {
            var symbolic = top_level_weights(model);
            var values = file.subset(file.group(group, "top_level_model_weights", "model_weights"), "top_level_model_weights");
            if (values.Count != symbolic.Count)
                throw new ArgumentException("Weight count mismatch for top-level weights when loading weights from file. " +
                    $"Model expects {symbolic.Count} top-level weight(s). Received {values.Count} saved top-level weight(s)", "filepath");
            plan_weights(plan, symbolic, values, "top-level model", skip_mismatch, names);
        }
        assign(plan);
    }

    /// <summary>Keras's <c>load_weights_from_hdf5_group_by_name</c>: each saved layer goes to the model's layers of that name; others are left alone.</summary>
    private static void load_weights_from_hdf5_group_by_name(LegacyH5File file, IH5Group group, Model model, bool skip_mismatch)
    {
        var index = model.layers.GroupBy(l => l.name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var plan = new List<(Parameter target, StoredVariable source)>();
        var names = LegacyWeights.paths(model);
        var layer_names = file.list(group, "layer_names");
        for (int k = 0; k < layer_names.Count; k++)
        {
            var values = file.subset(file.group(group, layer_names[k], "model_weights"), layer_names[k]);
            foreach (var layer in index.GetValueOrDefault(layer_names[k]) ?? [])
            {
                var symbolic = LegacyWeights.legacy_weights(layer);
                if (values.Count != symbolic.Count)
                {
                    string counts = $"Layer expects {symbolic.Count} weight(s). Received {values.Count} saved weight(s)";
                    if (!skip_mismatch)
                        throw new ArgumentException($"Weight count mismatch for layer #{k} (named {layer.name}). {counts}", "filepath");
                    Callback.warn($"Skipping loading of weights for layer #{k} (named {layer.name}) due to mismatch in number of weights. {counts}");
                    continue;
                }
                plan_weights(plan, symbolic, values, $"layer #{k} (named {layer.name})", skip_mismatch, names);
            }
        }
        if (file.has_group(group, "top_level_model_weights"))
        {
            var symbolic = top_level_weights(model);
            var values = file.subset(file.group(group, "top_level_model_weights", "model_weights"), "top_level_model_weights");
            string counts = $"Model expects {symbolic.Count} top-level weight(s). Received {values.Count} saved top-level weight(s)";
            if (values.Count == symbolic.Count) plan_weights(plan, symbolic, values, "top-level model", skip_mismatch, names);
            else if (skip_mismatch) Callback.warn($"Skipping loading top-level weights for model due to mismatch in number of weights. {counts}");
            else throw new ArgumentException($"Weight count mismatch for top-level weights of model. {counts}", "filepath");
        }
        assign(plan);
    }

    // Keras's model._trainable_variables + model._non_trainable_variables: the weights the model made itself.
    private static IReadOnlyList<Parameter> top_level_weights(Model model) =>
        [.. model.own_variables.Where(w => w.trainable).Select(w => w.variable), .. model.own_variables.Where(w => !w.trainable).Select(w => w.variable)];

    /// <summary>Keras's <c>_set_weights</c>, checks only: each saved weight whose shape matches is planned; a mismatch raises, or is skipped with a warning.</summary>
    private static void plan_weights(List<(Parameter, StoredVariable)> plan, IReadOnlyList<Parameter> symbolic, IReadOnlyList<StoredVariable> values,
        string name, bool skip_mismatch, IReadOnlyDictionary<Parameter, string> paths)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i].shape.SequenceEqual(symbolic[i].shape))
            {
                plan.Add((symbolic[i], values[i]));
                continue;
            }
            string message = $"for weight {paths.GetValueOrDefault(symbolic[i]) ?? values[i].where}. Weight expects shape {PythonFormat.tuple(symbolic[i].shape)}. " +
                $"Received saved weight with shape {PythonFormat.tuple(values[i].shape)}";
            if (!skip_mismatch) throw new ArgumentException($"Shape mismatch in {name} {message}", "filepath");
            Callback.warn($"Skipping loading weights for {name} due to mismatch in shape {message}");
        }
    }

    /// <summary>Reads every planned weight, then assigns them all: a file that fails to read changes nothing.</summary>
    private static void assign(List<(Parameter target, StoredVariable source)> plan)
    {
        using var scope = torch.NewDisposeScope();
        var values = StoredWeights.read(plan.Select(p => p.source).ToList());
        using var no_grad = torch.no_grad();
        for (int i = 0; i < plan.Count; i++) plan[i].target.copy_(values[i].to_type(plan[i].target.dtype));
    }
}
