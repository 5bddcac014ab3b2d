using System.Text.Json;
using KerasPort.Preprocessing.Image;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>
/// ImageDataGenerator.fit and standardize against the recorded fit_* cases. numpy reduces
/// float32 pairwise in float32 while the port accumulates in float64, so statistics and
/// standardized pixels agree to ~1e-6 relative, the ZCA matrix (an SVD) to 1e-4 of its largest entry.
/// </summary>
[NonParallelizable]
public class ImageDataGeneratorFitTests : ImageDataGeneratorWarningsTest
{
    private static string[] Strings(JsonElement json, string key) =>
        json.TryGetProperty(key, out var v) ? v.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];

    public static IEnumerable<TestCaseData> Cases() => ImageCase.OfKind("fit_standardize");

    [TestCaseSource(nameof(Cases))]
    public void Fit_and_standardize_match_keras(string name)
    {
        var c = ImageCase.Load(name);
        var g = GeneratorConfig.Create(c.Json.GetProperty("generator_config"));
        Assert.That(warnings.take(), Is.EqualTo(Strings(c.Json, "init_warnings")), "constructor warnings");
        var flags = c.Json.GetProperty("effective_flags");
        Assert.That(g.featurewise_center, Is.EqualTo(flags.GetProperty("featurewise_center").GetBoolean()));
        Assert.That(g.samplewise_center, Is.EqualTo(flags.GetProperty("samplewise_center").GetBoolean()));
        Assert.That(g.featurewise_std_normalization, Is.EqualTo(flags.GetProperty("featurewise_std_normalization").GetBoolean()));
        Assert.That(g.samplewise_std_normalization, Is.EqualTo(flags.GetProperty("samplewise_std_normalization").GetBoolean()));
        Assert.That(g.zca_whitening, Is.EqualTo(flags.GetProperty("zca_whitening").GetBoolean()));
        Assert.That(g.zoom_range, Is.EqualTo(flags.GetProperty("zoom_range").EnumerateArray().Select(e => e.GetDouble())));
        Assert.That((g.channel_axis, g.row_axis, g.col_axis), Is.EqualTo((flags.GetProperty("channel_axis").GetInt32(),
            flags.GetProperty("row_axis").GetInt32(), flags.GetProperty("col_axis").GetInt32())));

        if (c.Arrays.TryGetValue("fit_x", out var fitX))
        {
            var args = c.Json.GetProperty("fit_args");
            g.fit(fitX,
                augment: args.TryGetProperty("augment", out var a) && a.GetBoolean(),
                rounds: args.TryGetProperty("rounds", out var r) ? r.GetInt32() : 1,
                seed: args.TryGetProperty("seed", out var s) ? s.GetInt64() : null);
            Assert.That(warnings.take(), Is.EqualTo(Strings(c.Json, "fit_warnings")), "fit warnings");
        }
        Assert.That(g.mean is not null, Is.EqualTo(c.Json.GetProperty("has_mean").GetBoolean()), "has mean");
        Assert.That(g.std is not null, Is.EqualTo(c.Json.GetProperty("has_std").GetBoolean()), "has std");
        Assert.That(g.zca_whitening_matrix is not null, Is.EqualTo(c.Json.GetProperty("has_zca_whitening_matrix").GetBoolean()), "has zca matrix");
        if (g.mean is not null)
            AssertClose(g.mean, c.Arrays["mean"], 1e-6, "mean");
        if (g.std is not null)
            AssertClose(g.std, c.Arrays["std"], 1e-6, "std");
        if (g.zca_whitening_matrix is not null)
        {
            AssertClose(g.zca_whitening_matrix, c.Arrays["zca_whitening_matrix"], 1e-4, "zca_whitening_matrix");
            Assert.That(ReferenceEquals(g.principal_components, g.zca_whitening_matrix), Is.True);
        }

        var x = c.Arrays["x"];
        Tensor actual;
        if (c.Json.GetProperty("call").GetString() == "batch")
            actual = g.standardize(x.clone());
        else
            actual = torch.stack(Enumerable.Range(0, (int)x.shape[0]).Select(i => g.standardize(x[i].clone())).ToArray());
        Assert.That(warnings.take().Distinct(), Is.EqualTo(Strings(c.Json, "standardize_warnings").Distinct()), "standardize warnings");
        AssertClose(actual, c.Arrays["expected"], g.zca_whitening ? 1e-4 : 1e-5, "standardized");
    }

    // |actual − expected| ≤ tolerance · max(1, max |expected|)
    private static void AssertClose(Tensor actual, Tensor expected, double tolerance, string what)
    {
        Assert.That(actual.shape, Is.EqualTo(expected.shape), what + " shape");
        Assert.That(actual.dtype, Is.EqualTo(ScalarType.Float32), what + " dtype");
        double scale = Math.Max(1.0, expected.abs().max().item<float>());
        var (diff, at) = ImageCase.MaxAbsDiff(actual, expected);
        TestContext.Out.WriteLine($"{what}: max |diff| {diff:G3} (scale {scale:G3})");
        Assert.That(diff, Is.LessThanOrEqualTo(tolerance * scale), $"{what}: largest difference at flat index {at}");
    }

    [Test]
    public void Standardize_warns_once_when_not_fitted_and_works_in_place()
    {
        var g = new ImageDataGenerator(featurewise_center: true, rescale: 0.5);
        var x = torch.full(2, 2, 1, 4f);
        var y = g.standardize(x);
        g.standardize(x.clone());
        Assert.That(ReferenceEquals(x, y), Is.True);
        Assert.That(x[0, 0, 0].item<float>(), Is.EqualTo(2f));
        Assert.That(warnings.take(), Is.EqualTo(new[]
        {
            "This ImageDataGenerator specifies `featurewise_center`, but it hasn't been fit on any training data. Fit it first by calling `.fit(numpy_data)`.",
        }));
    }

    [Test]
    public void Preprocessing_function_runs_first()
    {
        var g = new ImageDataGenerator(preprocessing_function: t => t + 1, rescale: 2.0);
        var y = g.standardize(torch.zeros(2, 2, 3));
        Assert.That(y.eq(2f).all().item<bool>(), Is.True);
    }

    [Test]
    public void Rejects_wrong_ranks_and_keeps_no_partial_state()
    {
        var g = new ImageDataGenerator(featurewise_center: true);
        var ex = Assert.Throws<ArgumentException>(() => g.fit(torch.rand(4, 5, 3)));
        Assert.That(ex!.Message, Does.Contain("Input to `.fit()` should have rank 4. Got array with shape: (4, 5, 3)"));
        Assert.That(g.mean, Is.Null);
        Assert.Throws<ArgumentException>(() => g.standardize(torch.rand(4, 5)));
        Assert.Throws<ArgumentException>(() => g.standardize(torch.rand([1, 2, 4, 5, 3])));
    }

    [Test]
    public void Fit_warns_about_unusual_channel_counts()
    {
        var g = new ImageDataGenerator(featurewise_center: true);
        g.fit(torch.rand(2, 4, 4, 2));
        Assert.That(warnings.take().Single(), Does.StartWith("Expected input to be images (as Numpy array) following the data format convention \"channels_last\" (channels on axis 3)"));
    }
}
