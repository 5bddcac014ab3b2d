using System.Reflection;
using System.Text.Json.Nodes;
using KerasPort.Layers;

namespace KerasPort.Tests.Layers;

/// <summary>
/// The layer cases recorded from Keras 3.15 by tools/record_layer_cases.py
/// (tests/fixtures/layers/cases.json and one .npz per case), and the construction of each layer
/// from its recorded keyword arguments: the C# constructors take Keras's names, so a case's
/// kwargs map onto a constructor's parameters by name.
/// </summary>
internal static class RecordedLayerCases
{
    private static readonly Lazy<JsonObject> _document = new(() => KerasFixtures.Load("layers", "cases.json").AsObject());

    public static JsonArray cases => _document.Value["cases"]!.AsArray();
    public static JsonArray errors => _document.Value["errors"]!.AsArray();

    public static JsonObject find(string name) => cases.Single(c => (string)c!["name"]! == name)!.AsObject();

    public static IEnumerable<TestCaseData> Names() =>
        cases.Select(c => new TestCaseData((string)c!["name"]!).SetName("{m}(" + (string)c!["name"]! + ")"));

    public static IEnumerable<TestCaseData> Loadable() => Names().Where(c => !((string)c.Arguments[0]!).Contains("renorm"));

    public static IEnumerable<TestCaseData> Errors() =>
        errors.Select((e, i) => new TestCaseData(i).SetName($"{{m}}({(string)e!["class_name"]!} {e["kwargs"]!.ToJsonString()})"));

    public static Dictionary<string, Tensor> arrays(string name) => KerasPort.Utils.Npy.load_npz(KerasFixtures.path("layers", name + ".npz"));

    /// <summary>The layer of class <paramref name="class_name"/> built from Keras's keyword arguments.</summary>
    public static Layer construct(string class_name, JsonObject kwargs)
    {
        var type = typeof(Layer).Assembly.GetType("KerasPort.Layers." + class_name)
            ?? throw new AssertionException($"No layer class {class_name}");
        foreach (var ctor in type.GetConstructors())
        {
            var parameters = ctor.GetParameters();
            if (kwargs.Any(kv => parameters.All(p => p.Name != kv.Key))) continue;
            var values = new object?[parameters.Length];
            bool fits = true;
            for (int i = 0; i < parameters.Length && fits; i++)
            {
                var p = parameters[i];
                if (kwargs.TryGetPropertyValue(p.Name!, out var node)) fits = convert(node, p.ParameterType, out values[i]);
                else if (p.HasDefaultValue) values[i] = p.DefaultValue;
                else fits = false;
            }
            if (!fits) continue;
            try
            {
                return (Layer)ctor.Invoke(values);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            }
        }
        // No C# spelling of this call compiles (a null for a number, an argument the port does not have).
        throw new MissingMethodException($"No constructor of {class_name} takes {kwargs.ToJsonString()}");
    }

    /// <summary>A JSON keyword argument as the C# parameter type, the way the C# spelling of the Python call converts it.</summary>
    private static bool convert(JsonNode? node, Type type, out object? value)
    {
        value = null;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (node is null) return !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;
        if (node is JsonObject map)
        {
            if (underlying != typeof(IReadOnlyDictionary<string, double>)) return false;
            value = map.ToDictionary(kv => kv.Key, kv => (double)kv.Value!);
            return true;
        }
        if (node is JsonArray array)
        {
            bool flat = array.All(n => n is JsonValue);
            if (!flat && underlying != typeof(((int, int), (int, int)))) return false;
            if (underlying == typeof(IntTuple)) value = (IntTuple)array.Select(n => (long)n!).ToArray();
            else if (underlying == typeof(Axes)) value = (Axes)array.Select(n => (int)n!).ToArray();
            else if (underlying == typeof(int[])) value = array.Select(n => (int)n!).ToArray();
            else if (underlying == typeof(((int, int), (int, int))) && array.All(n => n is JsonArray))
                value = (((int)array[0]![0]!, (int)array[0]![1]!), ((int)array[1]![0]!, (int)array[1]![1]!));
            else return false;
            return true;
        }
        var element = node.AsValue();
        if (element.TryGetValue<bool>(out var flag)) { value = flag; return underlying == typeof(bool); }
        if (element.TryGetValue<string>(out var text))
        {
            value = text;
            if (underlying == typeof(string) || underlying == typeof(object)) return true;
            // A name for a typed identifier argument (activation, initializer, ...) converts implicitly.
            var from_name = underlying.GetMethod("op_Implicit", BindingFlags.Public | BindingFlags.Static, [typeof(string)]);
            value = from_name?.Invoke(null, [text]);
            return from_name is not null;
        }
        double number = (double)element;
        if (underlying == typeof(double)) value = number;
        else if (underlying == typeof(long)) value = (long)number;
        else if (underlying == typeof(int)) value = (int)number;
        else if (underlying == typeof(IntTuple)) value = (IntTuple)(long)number;
        else if (underlying == typeof(Axes)) value = (Axes)(int)number;
        else return false;
        return true;
    }

    public static long?[] shape(JsonNode node) => node.AsArray().Select(n => n is null ? (long?)null : (long)n).ToArray();
}
