using System.Text.Json.Nodes;
using KerasPort.Layers;

namespace KerasPort.Tests.Layers;

/// <summary>
/// Keras's own unit tests of the single-input layers (keras/src/layers/**/*_test.py), replayed:
/// tools/record_keras_layer_tests.py ran them in Keras 3.15 and recorded each
/// <c>run_layer_test</c> (constructor arguments, input, expected output shape, weight and loss
/// counts, expected output) and each <c>assertAllClose</c> on a layer's output (the layer's
/// arguments, weights and input at that call, and the value the test expected, usually from its
/// numpy reference implementation), in tests/fixtures/layers/keras_tests. Each runs here on the C#
/// layer at the test's own tolerance. Cases of layers this port does not have (the 3D and the 1D
/// depthwise/separable/transposed variants) are not generated; the assertions that cannot be
/// recorded this way (masks, objects as arguments) are listed in the fixture's "left_out" and the
/// ones that translate are ported by hand in the tests beside this one.
/// </summary>
public sealed class KerasLayerUnitTests
{
    private static readonly HashSet<string> NotPorted =
    [
        "Conv3D", "Conv1DTranspose", "Conv3DTranspose", "DepthwiseConv1D", "SeparableConv1D",
        "AveragePooling3D", "MaxPooling3D", "GlobalAveragePooling3D", "GlobalMaxPooling3D", "SpatialDropout1D", "SpatialDropout2D",
    ];

    private static readonly Lazy<JsonObject> Document = new(() => KerasFixtures.Load("layers", "keras_tests", "tests.json").AsObject());
    private static readonly Lazy<Dictionary<string, Tensor>> Arrays = new(() => KerasPort.Utils.Npy.load_npz(KerasFixtures.path("layers", "keras_tests", "arrays.npz")));

    private static readonly string[] FeaturesNotPorted = ["lora", "quantize", "int4", "int8", "ragged", "sparse", "constraint"];

    private static bool Ported(JsonNode c)
    {
        if (NotPorted.Contains((string)c["class_name"]!)) return false;
        string test = ((string)c["test"]!).ToLowerInvariant();
        string kwargs = c["kwargs"]!.ToJsonString().ToLowerInvariant();
        return !FeaturesNotPorted.Any(f => test.Contains(f) || kwargs.Contains(f));
    }

    /// <summary>The constructor arguments without <c>dtype="float32"</c>, the only dtype policy of the port.</summary>
    private static JsonObject Kwargs(JsonObject c)
    {
        var kwargs = c["kwargs"]!.AsObject().DeepClone().AsObject();
        if ((string?)kwargs["dtype"] == "float32") kwargs.Remove("dtype");
        return kwargs;
    }

    private static IEnumerable<TestCaseData> Cases(string kind) =>
        Document.Value[kind]!.AsArray()
            .Where(c => Ported(c!))
            .Select(c => new TestCaseData((string)c!["id"]!).SetName($"{{m}}({(string)c!["id"]!} {(string)c["test"]!})"));

    public static IEnumerable<TestCaseData> LayerTests() => Cases("layer_tests");

    public static IEnumerable<TestCaseData> Numerics() => Cases("numerics");

    private static JsonObject Find(string kind, string id) => Document.Value[kind]!.AsArray().Single(c => (string)c!["id"]! == id)!.AsObject();

    /// <summary>A float input in float32 as Keras converts it; integer inputs keep their type.</summary>
    private static Tensor Input(Tensor x) => x.dtype is ScalarType.Int32 or ScalarType.Int64 ? x : x.to_type(ScalarType.Float32);

    /// <summary>numpy's assert_allclose: |actual - expected| &lt;= atol + rtol * |expected|, expected broadcast.</summary>
    private static void AssertAllClose(Tensor actual, Tensor expected, double atol, double rtol, string what)
    {
        var a = actual.to_type(ScalarType.Float64);
        var e = expected.to_type(ScalarType.Float64).expand_as(a);
        var diff = (a - e).abs();
        var bound = e.abs() * rtol + atol;
        var ok = diff.le(bound).logical_or(a.isnan().logical_and(e.isnan()));
        Assert.That(ok.all().item<bool>(), Is.True, $"{what}: max |diff| {diff.max().item<double>():E3} (atol {atol}, rtol {rtol})");
    }

    [TestCaseSource(nameof(LayerTests))]
    public void Run_layer_test(string id)
    {
        var c = Find("layer_tests", id);
        if ((bool?)c["expect_error"] == true)
        {
            // Keras raises a ValueError: the C# constructor refuses the arguments, or no C# spelling of them compiles.
            Assert.That(() => RecordedLayerCases.construct((string)c["class_name"]!, Kwargs(c)),
                Throws.InstanceOf<ArgumentException>().Or.InstanceOf<MissingMethodException>());
            return;
        }
        var layer = RecordedLayerCases.construct((string)c["class_name"]!, Kwargs(c));
        Tensor x;
        if (c["input_data"] is JsonNode data) x = Input(Arrays.Value[(string)data!]);
        else
        {
            var shape = RecordedLayerCases.shape(c["input_shape"]!).Select(d => d!.Value).ToArray();
            x = (string?)c["input_dtype"] is "int32" or "int64" ? zeros(shape, ScalarType.Int64) : randn(shape, generator: new Generator(7));
        }
        var y = layer.__call__(x, training: (bool?)c["training"] ?? false);
        if (c["expected_output_shape"] is JsonNode expected_shape)
            Assert.That(y.shape, Is.EqualTo(RecordedLayerCases.shape(expected_shape).Select(d => d!.Value).ToArray()), "output shape");
        if (c["expected_num_trainable_weights"] is JsonNode t) Assert.That(layer.trainable_weights, Has.Count.EqualTo((int)t), "trainable weights");
        if (c["expected_num_non_trainable_weights"] is JsonNode n) Assert.That(layer.non_trainable_weights, Has.Count.EqualTo((int)n), "non-trainable weights");
        if (c["expected_num_losses"] is JsonNode l) Assert.That(layer.losses, Has.Count.EqualTo((int)l), "losses");
        if (c["expected_output"] is JsonNode expected) AssertAllClose(y, Arrays.Value[(string)expected!], 1e-6, 1e-6, "output");
        // run_layer_test also checks that the output shape agrees with compute_output_shape.
        Assert.That(layer.compute_output_shape([null, .. x.shape.Skip(1).Select(d => (long?)d)]).Skip(1), Is.EqualTo(y.shape.Skip(1).Select(d => (long?)d)), "compute_output_shape");
    }

    [TestCaseSource(nameof(Numerics))]
    public void Output_matches_the_test_s_expectation(string id)
    {
        var c = Find("numerics", id);
        var layer = RecordedLayerCases.construct((string)c["class_name"]!, Kwargs(c));
        var x = Input(Arrays.Value[(string)c["x"]!]);
        layer.build([null, .. x.shape.Skip(1).Select(d => (long?)d)]);
        var weights = c["weights"]!.AsArray().Select(w => Arrays.Value[(string)w!]).ToArray();
        if (weights.Length > 0) layer.set_weights(weights);
        layer.trainable = (bool)c["trainable"]!;
        var y = layer.__call__(x, training: (bool?)c["training"] ?? false);
        AssertAllClose(y, Arrays.Value[(string)c["expected"]!], (double)c["atol"]!, (double)c["rtol"]!, (string)c["test"]!);
    }
}
