using KerasPort.Saving;
using L = KerasPort.Losses;

namespace KerasPort.Tests.Losses;

/// <summary>
/// keras/src/losses/losses_test.py's MeanAbsolutePercentageErrorTest and
/// MeanSquaredLogarithmicErrorTest, translated (the dtype tests aside: KerasPort computes in
/// float32). Keras checks to 3 decimal places (its default, 7, where it gives none; these values
/// are float32 sums of 6 terms, so 1e-4 relative here).
/// </summary>
public class KerasPercentageAndLogarithmicLossesTests
{
    private static readonly float[,] y_true = { { 1, 9, 2 }, { -5, -2, 6 } };
    private static readonly float[,] y_pred = { { 4, 8, 12 }, { 8, 1, 3 } };

    private static Tensor loss(L.Loss l, Tensor? sample_weight = null) => l.__call__(torch.tensor(y_true), torch.tensor(y_pred), sample_weight);

    private static double value(L.Loss l, Tensor? sample_weight = null) => loss(l, sample_weight).item<float>();

    private static Tensor sample_weight() => torch.tensor(new float[,] { { 1.2f }, { 3.4f } });

    // reshape(2, 3, 1) labels and predictions, weights per time step.
    private static double timestep_weighted(L.Loss l) =>
        l.__call__(torch.tensor(y_true).reshape(2, 3, 1), torch.tensor(y_pred).reshape(2, 3, 1),
                   torch.tensor(new float[] { 3, 6, 5, 0, 4, 2 }).reshape(2, 3)).item<float>();

    private static L.Loss round_trip(L.Loss l) =>
        (L.Loss)Deserialization.deserialize_keras_object(Serialization.serialize_keras_object(l))!;

    [Test]
    public void MeanAbsolutePercentageError()
    {
        var config = round_trip(new L.MeanAbsolutePercentageError(name: "mymape"));
        Assert.That((config.GetType(), config.name), Is.EqualTo((typeof(L.MeanAbsolutePercentageError), "mymape")), "config");
        var all_correct = new L.MeanAbsolutePercentageError().__call__(torch.tensor(y_pred), torch.tensor(y_pred)).item<float>();
        Assert.That(all_correct, Is.EqualTo(0.0).Within(1e-7), "all correct");
        Assert.That(value(new L.MeanAbsolutePercentageError()), Is.EqualTo(211.8518).Within(1e-3), "unweighted");
        Assert.That(value(new L.MeanAbsolutePercentageError(), torch.tensor(2.3f)), Is.EqualTo(487.259).Within(1e-3), "scalar weighted");
        Assert.That(value(new L.MeanAbsolutePercentageError(), sample_weight()), Is.EqualTo(422.8888).Within(1e-3), "sample weighted");
        Assert.That(timestep_weighted(new L.MeanAbsolutePercentageError()), Is.EqualTo(694.4444).Within(694.4444 * 1e-4), "timestep weighted");
        Assert.That(value(new L.MeanAbsolutePercentageError(), torch.tensor(0f)), Is.EqualTo(0.0).Within(1e-3), "zero weighted");
        var none = loss(new L.MeanAbsolutePercentageError(reduction: null), torch.tensor(2.3f)).data<float>().ToArray();
        Assert.That(none, Is.EqualTo(new[] { 621.8518f, 352.6666f }).Within(621.8518 * 1e-4), "no reduction");
        Assert.That(value(new L.MeanAbsolutePercentageError(reduction: "mean_with_sample_weight"), sample_weight()),
                    Is.EqualTo(183.865).Within(183.865 * 1e-4), "mean_with_sample_weight");
    }

    [Test]
    public void MeanSquaredLogarithmicError()
    {
        var config = round_trip(new L.MeanSquaredLogarithmicError(name: "mysloge"));
        Assert.That((config.GetType(), config.name), Is.EqualTo((typeof(L.MeanSquaredLogarithmicError), "mysloge")), "config");
        Assert.That(value(new L.MeanSquaredLogarithmicError()), Is.EqualTo(1.4370).Within(1e-3), "unweighted");
        Assert.That(value(new L.MeanSquaredLogarithmicError(), torch.tensor(2.3f)), Is.EqualTo(3.3051).Within(1e-3), "scalar weighted");
        Assert.That(value(new L.MeanSquaredLogarithmicError(), sample_weight()), Is.EqualTo(3.7856).Within(1e-3), "sample weighted");
        Assert.That(timestep_weighted(new L.MeanSquaredLogarithmicError()), Is.EqualTo(2.647374).Within(2.647374 * 1e-4), "timestep weighted");
        Assert.That(value(new L.MeanSquaredLogarithmicError(), torch.tensor(0f)), Is.EqualTo(0.0).Within(1e-3), "zero weighted");
        Assert.That(value(new L.MeanSquaredLogarithmicError(reduction: "mean_with_sample_weight"), sample_weight()),
                    Is.EqualTo(1.646).Within(1.646 * 1e-4), "mean_with_sample_weight");
    }

    [Test]
    public void The_names_resolve_to_the_losses()
    {
        foreach (var id in new[] { "mape", "MAPE", "mean_absolute_percentage_error", "MeanAbsolutePercentageError" })
            Assert.That(keras.losses.get(id), Is.TypeOf<L.MeanAbsolutePercentageError>(), id);
        foreach (var id in new[] { "msle", "MSLE", "mean_squared_logarithmic_error", "MeanSquaredLogarithmicError" })
            Assert.That(keras.losses.get(id), Is.TypeOf<L.MeanSquaredLogarithmicError>(), id);
    }
}
