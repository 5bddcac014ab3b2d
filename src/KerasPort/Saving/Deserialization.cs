using System.Collections;
using System.Reflection;
using KerasPort.Layers;
using KerasPort.Losses;
using KerasPort.Metrics;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Saving;

/// <summary>
/// Keras's <c>deserialize_keras_object</c> for what a <c>.keras</c> file holds: a
/// <c>{module, class_name, config}</c> dictionary becomes the KerasPort object of that class, made
/// as Keras's <c>from_config</c> makes it, <c>cls(**config)</c>: each config key goes to the
/// constructor parameter of the same name. Keys Keras has and KerasPort does not (<c>dtype</c>,
/// <c>use_ema</c>, <c>quantization_config</c>, ...) are accepted at their defaults only.
/// A Sequential is rebuilt from its layers, built, and compiled from its <c>compile_config</c>.
/// </summary>
public static class Deserialization
{
    // Keras config keys with no KerasPort parameter, and the only value KerasPort can honour.
    private static readonly Dictionary<string, object?> DefaultOnly = new(StringComparer.Ordinal)
    {
        ["quantization_config"] = null, ["use_ema"] = false, ["ema_momentum"] = 0.99, ["ema_overwrite_frequency"] = null,
        ["gradient_accumulation_steps"] = null, ["sparse"] = false, ["ragged"] = false, ["optional"] = false,
    };

    private static readonly (string prefix, string ns, Type base_type)[] Modules =
    [
        ("keras.layers", "Layers", typeof(Layer)),
        ("keras.initializers", "Initializers", typeof(Initializers.Initializer)),
        ("keras.regularizers", "Regularizers", typeof(Regularizers.Regularizer)),
        ("keras.constraints", "Constraints", typeof(Constraints.Constraint)),
        ("keras.losses", "Losses", typeof(Loss)),
        ("keras.metrics", "Metrics", typeof(Metric)),
        ("keras.optimizers.schedules", "Optimizers.Schedules", typeof(Optimizers.Schedules.LearningRateSchedule)),
        ("keras.optimizers", "Optimizers", typeof(Optimizer)),
        ("keras.src.optimizers", "Optimizers", typeof(Optimizer)),
        ("keras.src.backend.torch.optimizers", "Optimizers", typeof(Optimizer)),
    ];

    /// <summary>
    /// The object that <paramref name="config"/> describes; strings, numbers and null come back as
    /// they are. <paramref name="compile"/> false leaves a model uncompiled.
    /// </summary>
    public static object? deserialize_keras_object(object? config, bool compile = true)
    {
        if (config is not IDictionary<string, object?> dict || !dict.ContainsKey("class_name")) return config;
        string class_name = dict["class_name"] as string ?? throw new ArgumentException("A Keras object config needs a string `class_name`.", nameof(config));
        string module = dict.value("module") as string ?? "";
        var inner = dict.value("config") as IDictionary<string, object?> ?? new Dictionary<string, object?>();
        // As Keras, a class the program registered comes first.
        if (ObjectRegistration.get_registered_object(dict.value("registered_name") as string) is { } registered)
            return custom_from_config(registered, dict, inner, compile);
        if (ModelModules.Contains(module) && class_name == nameof(Sequential)) return sequential_from_config(dict, inner, compile);
        if (ModelModules.Contains(module) && class_name is "Functional" or nameof(Model))
        {
            var model = FunctionalConfig.from_config(inner, deserialize_layer);
            if (compile) compile_from(model, dict);
            return model;
        }
        if (module == "keras.layers" && class_name == nameof(InputLayer)) return input_layer_from_config(inner);

        var (_, ns, base_type) = Modules.FirstOrDefault(m => module == m.prefix || module.StartsWith(m.prefix + ".", StringComparison.Ordinal));
        var type = ns is null ? null : typeof(Layer).Assembly.GetType($"KerasPort.{ns}.{class_name}");
        if (type is null || type.IsAbstract || !base_type.IsAssignableFrom(type))
            throw new ArgumentException($"Could not locate class '{class_name}' (module '{module}', registered name '{dict.value("registered_name")}'). KerasPort knows the Keras classes it ports (layers, models, initializers, regularizers, constraints, losses, metrics, optimizers) and the classes registered with keras.saving.register_keras_serializable<T>().", nameof(config));
        return from_config(type, inner);
    }

    // The modules Keras writes for its model classes.
    private static readonly HashSet<string> ModelModules = new(StringComparer.Ordinal)
    {
        "keras", "keras.models", "keras.src.models.functional", "keras.src.models.model", "keras.src.models.sequential",
    };

    /// <summary>
    /// The layer a Functional config's <c>layers</c> entry describes (a model used as a layer
    /// included, left uncompiled): what <c>Model.from_config</c> passes to the graph
    /// reconstruction. An entry that is not a layer is refused.
    /// </summary>
    public static Layer deserialize_layer(IDictionary<string, object?> layer_config) =>
        deserialize_keras_object(layer_config, compile: false) as Layer
        ?? throw new ArgumentException($"Unexpected object from deserialization, expected a layer: {KerasJson.dumps(layer_config)}", nameof(layer_config));

    /// <summary>
    /// A registered class of the program: its static <c>from_config</c> or its constructor
    /// (<c>cls(**config)</c>); a model is then built from its <c>build_config</c> and compiled from
    /// its <c>compile_config</c>, as Keras's <c>deserialize_keras_object</c> does.
    /// </summary>
    private static object custom_from_config(Type type, IDictionary<string, object?> dict, IDictionary<string, object?> config, bool compile)
    {
        var result = from_config(type, config);
        if (result is not Model model) return result;
        try
        {
            if (!model.built && (dict.value("build_config") as IDictionary<string, object?>)?.value("input_shape") is IList shape)
                model.build(shape_of(shape));
            if (compile) compile_from(model, dict);
            return model;
        }
        catch
        {
            (model as IDisposable).Dispose();
            throw;
        }
    }

    private static long?[] shape_of(IList shape) => shape.Cast<object?>().Select(d => d is null ? (long?)null : Convert.ToInt64(d)).ToArray();

    private static void compile_from(Model model, IDictionary<string, object?> dict)
    {
        if (dict.value("compile_config") is IDictionary<string, object?> { Count: > 0 } compile_config)
            compile_from_config(model, compile_config);
    }

    /// <summary><c>cls(**config)</c>: a static <c>from_config</c> when the class has one, else the constructor by parameter names.</summary>
    private static object from_config(Type type, IDictionary<string, object?> config)
    {
        var factory = type.GetMethod("from_config", BindingFlags.Public | BindingFlags.Static, [typeof(IDictionary<string, object>)]);
        if (factory is not null)
            return factory.Invoke(null, [config.ToDictionary(kv => kv.Key, kv => kv.Value!)])!;

        var remaining = new Dictionary<string, object?>(config, StringComparer.Ordinal);
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = ctor.GetParameters().Select(p =>
        {
            if (remaining.Remove(p.Name!, out var value)) return convert(value, p.ParameterType, type.Name, p.Name!);
            if (p.HasDefaultValue) return p.DefaultValue;
            throw new ArgumentException($"The config of {type.Name} has no `{p.Name}`. Received: config keys {string.Join(", ", config.Keys)}", nameof(config));
        }).ToArray();

        bool? trainable = null;
        if (remaining.Remove("trainable", out var t) && typeof(Layer).IsAssignableFrom(type)) trainable = (bool)t!;
        if (remaining.Remove("dtype", out var dtype)) check_dtype(dtype, type.Name);
        var unsupported = remaining.Where(kv => DefaultOnly.TryGetValue(kv.Key, out var d) && !Equals(d, kv.Value)).Select(kv => $"{kv.Key}={KerasJson.dumps(kv.Value)}").ToList();
        if (unsupported.Count > 0)
            throw new NotSupportedException($"KerasPort's {type.Name} supports these Keras arguments at their defaults only. Received: {string.Join(", ", unsupported)}");
        var unknown = remaining.Where(kv => !DefaultOnly.ContainsKey(kv.Key)).Select(kv => $"{kv.Key}={KerasJson.dumps(kv.Value)}").ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unrecognized keyword arguments passed to {type.Name}: {string.Join(", ", unknown)}", nameof(config));

        object result;
        try
        {
            result = ctor.Invoke(args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
        if (trainable is bool train && result is Layer layer && layer.trainable != train) layer.trainable = train;
        return result;
    }

    /// <summary>The value at <paramref name="key"/>, null when absent (Python's <c>dict.get</c>).</summary>
    internal static object? value(this IDictionary<string, object?> dict, string key) => dict.TryGetValue(key, out var v) ? v : null;

    private static void check_dtype(object? dtype, string class_name)
    {
        string? name = dtype switch
        {
            null => null,
            string s => s,
            IDictionary<string, object?> policy => (policy.value("config") as IDictionary<string, object?>)?.value("name") as string,
            _ => "?",
        };
        if (name is not (null or "float32"))
            throw new NotSupportedException($"{class_name} has dtype '{name}'; KerasPort computes in float32 only.");
    }

    private static object? convert(object? value, Type target, string class_name, string argument)
    {
        if (value is null) return null;
        var type = Nullable.GetUnderlyingType(target) ?? target;
        // A constraint given as a function is written "custom" (KerasPort's own marker, not a Keras name).
        if (typeof(Delegate).IsAssignableFrom(type) || (type == typeof(Constraints.ConstraintSpec) && value is "custom"))
            throw new NotSupportedException($"{class_name} was saved with a custom `{argument}` ({value}), which a file cannot carry.");
        // A nested object (a schedule as an optimizer's learning_rate) may still need an implicit conversion below.
        if (value is IDictionary<string, object?> nested) value = deserialize_keras_object(nested);
        if (value is IList list)
        {
            var items = list.Cast<object?>().ToList();
            if (type == typeof(long?[])) return items.Select(i => i is null ? (long?)null : Convert.ToInt64(i)).ToArray();
            if (type == typeof(int[])) return items.Select(Convert.ToInt32).ToArray();
            if (type == typeof(double[])) return items.Select(Convert.ToDouble).ToArray();
            value = type == typeof(long[]) || items.All(i => i is long) ? items.Select(Convert.ToInt64).ToArray() : items.Select(Convert.ToDouble).ToArray();
        }
        if (type == typeof(object) || type.IsInstanceOfType(value)) return value;
        if (type == typeof(long) || type == typeof(int) || type == typeof(double) || type == typeof(float))
            return Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture);
        // Argument types such as IntTuple take Keras's ints and lists through their implicit conversions.
        var implicit_conversion = type.GetMethods(BindingFlags.Public | BindingFlags.Static).FirstOrDefault(m =>
            m.Name == "op_Implicit" && m.ReturnType == type && m.GetParameters()[0].ParameterType.IsInstanceOfType(value));
        if (implicit_conversion is not null) return implicit_conversion.Invoke(null, [value]);
        throw new ArgumentException($"Invalid value in the config of {class_name}: {argument}={KerasJson.dumps(value)} (expected {type.Name}).", argument);
    }

    private static InputLayer input_layer_from_config(IDictionary<string, object?> config)
    {
        var batch_shape = (config.value("batch_shape") as IList ?? throw new ArgumentException("An InputLayer config needs `batch_shape`.", nameof(config)))
            .Cast<object?>().Select(d => d is null ? (long?)null : Convert.ToInt64(d)).ToArray();
        if (batch_shape.Length == 0 || batch_shape.Skip(1).Any(d => d is null))
            throw new NotSupportedException($"KerasPort's InputLayer needs every dimension but the batch axis. Received: batch_shape={KerasJson.dumps(batch_shape)}");
        check_dtype(config.value("dtype"), nameof(InputLayer));
        return new InputLayer(batch_shape.Skip(1).Select(d => d!.Value).ToArray(), batch_shape[0] is long b ? (int)b : null, config.value("name") as string);
    }

    /// <summary>Keras's <c>Sequential.from_config</c>: the layers, built when the config records an input shape.</summary>
    internal static Sequential sequential_from_config(IDictionary<string, object?> config) =>
        sequential_from_config(new Dictionary<string, object?>(), config, compile: false);

    private static Sequential sequential_from_config(IDictionary<string, object?> dict, IDictionary<string, object?> config, bool compile)
    {
        var entries = config.value("layers") as IList ?? throw new ArgumentException("A Sequential model configuration must be a dictionary containing the 'name' and 'layers' keys.", nameof(config));
        var layers = new List<Layer>();
        try
        {
            foreach (var entry in entries)
                layers.Add(deserialize_keras_object(entry, compile: false) as Layer ?? throw new ArgumentException($"A Sequential's `layers` holds a non-layer: {KerasJson.dumps(entry)}", nameof(config)));
            var model = new Sequential(layers, name: config.value("name") as string);
            layers.Clear();
            layers.Add(model);
            if (config.value("trainable") is false) model.trainable = false;
            var input_shape = config.value("build_input_shape")
                ?? (dict.value("build_config") as IDictionary<string, object?>)?.value("input_shape");
            if (!model.built && input_shape is IList shape) model.build(shape_of(shape));
            if (compile) compile_from(model, dict);
            return model;
        }
        catch
        {
            foreach (var layer in layers) (layer as IDisposable)?.Dispose();
            throw;
        }
    }

    /// <summary>Keras's <c>compile_from_config</c>: compile with the saved arguments, then build the optimizer on a built model.</summary>
    internal static void compile_from_config(Model model, IDictionary<string, object?> config)
    {
        model.compile(optimizer: deserialize_keras_object(config.value("optimizer")) switch
                      {
                          string name => name,
                          Optimizer optimizer => optimizer,
                          var other => throw invalid_compile_config("optimizer", other),
                      },
                      loss: loss_spec(config.value("loss")),
                      metrics: metrics_spec(config.value("metrics"), "metrics"),
                      loss_weights: config.value("loss_weights") switch
                      {
                          null => null,
                          IList list => list.Cast<object?>().Select(Convert.ToDouble).ToArray(),
                          IDictionary<string, object?> dict => dict.ToDictionary(kv => kv.Key, kv => Convert.ToDouble(kv.Value)),
                          var weight and (long or double) => Convert.ToDouble(weight),
                          var other => throw invalid_compile_config("loss_weights", other),
                      },
                      weighted_metrics: metrics_spec(config.value("weighted_metrics"), "weighted_metrics"),
                      run_eagerly: config.value("run_eagerly") is true,
                      jit_compile: config.value("jit_compile") as bool?);
        if (model.built) model.optimizer!.build(model.trainable_weights);
    }

    private static LossSpec? loss_spec(object? config) => config switch
    {
        null => null,
        IList list => list.Cast<object?>().Select(l => loss_spec(l) ?? (LossSpec)(string?)null).ToArray(),
        IDictionary<string, object?> dict when !dict.ContainsKey("class_name") =>
            dict.ToDictionary(kv => kv.Key, kv => loss_spec(kv.Value) ?? (LossSpec)(string?)null),
        _ => deserialize_keras_object(config) switch
        {
            string name => name,
            Loss loss => loss,
            var other => throw invalid_compile_config("loss", other),
        },
    };

    private static CompileMetrics? metrics_spec(object? config, string argument) => config switch
    {
        null => null,
        IList list => list.Cast<object?>().Select(m => metric_spec(m, argument)).ToArray(),
        IDictionary<string, object?> dict => dict.ToDictionary(kv => kv.Key, kv => metric_spec(kv.Value, argument)),
        var other => throw invalid_compile_config(argument, other),
    };

    private static MetricSpec metric_spec(object? config, string argument) => config switch
    {
        IList group => group.Cast<object?>().Select(m => metric_spec(m, argument)).ToArray(),
        _ => deserialize_keras_object(config) switch
        {
            string name => name,
            Metric metric => metric,
            var other => throw invalid_compile_config(argument, other),
        },
    };

    private static ArgumentException invalid_compile_config(string argument, object? value) =>
        new($"Invalid value in the compile_config: {argument}={KerasJson.dumps(value)} (expected a Keras object config, a name, or a list or dict of them).", argument);
}
