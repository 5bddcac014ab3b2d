using System.Reflection;
using System.Text.Json.Nodes;
using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Preprocessing.Image;
using KerasPort.Utils;

namespace KerasPort.Tests.TestSupport;

/// <summary>
/// One recorded seeded Keras program (tests/fixtures/seeded/vNN_*, FORMAT.md of the reference
/// set): its spec, arrays and expected run, and the program itself replayed in C# with Keras's
/// keyword arguments, objects built in the order Python evaluates them.
/// </summary>
public sealed class SeededCase
{
    private SeededCase(string name)
    {
        this.name = name;
        string dir = KerasFixtures.path("seeded", name);
        spec = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "case.json")))!;
        expected = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "expected.json")))!;
        arrays = Npy.load_npz(Path.Combine(dir, "data.npz"));
    }

    public string name { get; }
    public JsonNode spec { get; }
    public JsonNode expected { get; }
    public Dictionary<string, Tensor> arrays { get; }

    public static SeededCase Load(string name) => new(name);

    public int weights_count => (int)expected["weights_count"]!;

    public Tensor[] weights(string prefix) => Enumerable.Range(0, weights_count).Select(i => arrays[$"{prefix}_{i}"]).ToArray();

    /// <summary>The number of training (or validation) samples of the fit, split as Keras splits them.</summary>
    public long samples(bool validation)
    {
        long n = arrays["x"].shape[0];
        long train = (long)Math.Floor(n * (1.0 - ((double?)spec["fit"]!["validation_split"] ?? 0.0)));
        return validation ? n - train : train;
    }

    /// <summary>The Sequential of the case, its layers built in list order.</summary>
    public Sequential build() =>
        new(spec["layers"]!.AsArray().Select(l => (Layer)make(typeof(Layer).Assembly.GetType("KerasPort.Layers." + (string)l!["class_name"]!)!, l["kwargs"]!.AsObject())).ToList());

    /// <summary>An object of a spec <c>{"class_name", "kwargs"}</c>, looked up in the given namespace.</summary>
    public static object make_object(JsonNode spec, string ns) =>
        make(typeof(Layer).Assembly.GetType($"KerasPort.{ns}.{(string)spec["class_name"]!}")
             ?? throw new ArgumentException($"no class {spec["class_name"]} in {ns}"), spec["kwargs"]!.AsObject());

    /// <summary>The callbacks of the case (EarlyStopping only in these programs).</summary>
    public List<Callback> callbacks() => spec["callbacks"]!.AsArray().Select(c => (Callback)make_object(c!, "Callbacks")).ToList();

    /// <summary><c>ImageDataGenerator(**kwargs).flow(x, y, **flow)</c>, or null when the case feeds arrays.</summary>
    public NumpyArrayIterator? flow()
    {
        var generator = spec["generator"];
        if (generator is null) return null;
        var datagen = (ImageDataGenerator)make(typeof(ImageDataGenerator), generator["kwargs"]!.AsObject());
        var kwargs = generator["flow"]!.AsObject();
        return datagen.flow(arrays["x"], arrays["y"], batch_size: (int?)kwargs["batch_size"] ?? 32, shuffle: (bool?)kwargs["shuffle"] ?? true);
    }

    /// <summary>Calls the widest public constructor of <paramref name="type"/> with Keras keyword arguments.</summary>
    private static object make(Type type, JsonObject kwargs)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var parameters = ctor.GetParameters();
        foreach (var (key, _) in kwargs)
            if (parameters.All(p => p.Name != key)) throw new ArgumentException($"{type.Name} has no parameter {key}");
        // Nested objects first, in the order Python evaluates the keyword arguments.
        var values = new Dictionary<string, object?>();
        foreach (var (key, value) in kwargs)
            values[key] = convert(value, parameters.First(p => p.Name == key).ParameterType);
        var args = parameters.Select(p => values.TryGetValue(p.Name!, out var v) ? v : p.HasDefaultValue ? p.DefaultValue : throw new ArgumentException($"{type.Name} needs {p.Name}")).ToArray();
        try
        {
            return ctor.Invoke(args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    /// <summary><paramref name="value"/> as <paramref name="type"/>: through its implicit conversion for a typed identifier argument (activation, initializer, ...).</summary>
    private static object implicit_from(object value, Type type)
    {
        if (type.IsInstanceOfType(value)) return value;
        var op = type.GetMethods(BindingFlags.Public | BindingFlags.Static).FirstOrDefault(m =>
            m.Name == "op_Implicit" && m.ReturnType == type && m.GetParameters()[0].ParameterType.IsInstanceOfType(value));
        return op is null ? value : op.Invoke(null, [value])!;
    }

    private static object? convert(JsonNode? node, Type target)
    {
        if (node is null) return null;
        var type = Nullable.GetUnderlyingType(target) ?? target;
        if (node is JsonObject spec)
        {
            string class_name = (string)spec["class_name"]!;
            foreach (var ns in new[] { "Regularizers", "Initializers", "Optimizers", "Layers" })
                if (typeof(Layer).Assembly.GetType($"KerasPort.{ns}.{class_name}") is { } t) return implicit_from(make(t, spec["kwargs"]!.AsObject()), type);
            throw new ArgumentException($"unknown class {class_name}");
        }
        if (node is JsonArray list)
        {
            if (type == typeof(long[])) return list.Select(n => (long)n!).ToArray();
            if (type == typeof(long?[])) return list.Select(n => n is null ? (long?)null : (long)n).ToArray();
            if (type == typeof(double[])) return list.Select(n => (double)n!).ToArray();
            throw new ArgumentException($"cannot convert {node.ToJsonString()} to {type.Name}");
        }
        var value = node.AsValue();
        if (value.TryGetValue<string>(out var s)) return implicit_from(s, type);
        if (value.TryGetValue<bool>(out var b)) return b;
        bool integral = value.ToJsonString().All(ch => char.IsDigit(ch) || ch == '-');
        if (type == typeof(double)) return (double)value;
        if (type == typeof(int)) return (int)value;
        if (type == typeof(long)) return (long)value;
        if (type == typeof(object)) return integral ? (long)value : (double)value;
        // Keras's ints and floats through the argument type's implicit conversions (IntTuple, ShiftRange, ...).
        var from = integral ? new[] { typeof(int), typeof(long), typeof(double) } : new[] { typeof(double) };
        foreach (var f in from)
        {
            var op = type.GetMethod("op_Implicit", BindingFlags.Public | BindingFlags.Static, [f]);
            if (op is not null && op.ReturnType == type) return op.Invoke(null, [Convert.ChangeType((double)value, f)]);
        }
        throw new ArgumentException($"cannot convert {node.ToJsonString()} to {type.Name}");
    }
}
