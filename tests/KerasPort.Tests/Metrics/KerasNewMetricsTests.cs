using KerasPort.Metrics;
using KerasPort.Saving;

namespace KerasPort.Tests.Metrics;

/// <summary>
/// keras/src/metrics/{iou,f_score,accuracy}_metrics_test.py for MeanIoU, FBetaScore and the top-k
/// accuracies, translated where they translate (float-dtype MeanIoU is not: KerasPort's counts are
/// Keras's default int).
/// </summary>
public class KerasNewMetricsTests
{
    private static Metric round_trip(Metric metric) =>
        (Metric)Deserialization.deserialize_keras_object(Serialization.serialize_keras_object(metric))!;

    private static double result(Metric m, float[] y_true, float[] y_pred)
    {
        m.update_state(torch.tensor(y_true), torch.tensor(y_pred));
        return m.result();
    }

    [Test]
    public void MeanIoU_Config()
    {
        var m_obj = new MeanIoU(num_classes: 2, name: "mean_iou");
        Assert.That((m_obj.name, m_obj.num_classes), Is.EqualTo(("mean_iou", 2L)));
        var m_obj2 = (MeanIoU)round_trip(m_obj);
        Assert.That((m_obj2.name, m_obj2.num_classes), Is.EqualTo(("mean_iou", 2L)));
    }

    [Test]
    public void MeanIoU_Unweighted() =>
        Assert.That(result(new MeanIoU(num_classes: 2), [0, 0, 1, 1], [0, 1, 0, 1]), Is.EqualTo((1.0 / 3 + 1.0 / 3) / 2).Within(1e-3));

    [TestCase(255)]
    [TestCase(-1)]
    public void MeanIoU_UnweightedIgnoreClass(int ignore_class) =>
        Assert.That(result(new MeanIoU(num_classes: 3, ignore_class: ignore_class), [0, 1, 2, ignore_class], [0, 1, 1, 1]),
                    Is.EqualTo((1.0 + 0.5 + 0.0) / 3).Within(1e-3));

    [Test]
    public void FBetaScore_Config()
    {
        var fbeta_obj = new FBetaScore(beta: 0.5, threshold: 0.3, average: null);
        Assert.That((fbeta_obj.beta, fbeta_obj.average, fbeta_obj.threshold), Is.EqualTo((0.5, (string?)null, (double?)0.3)));
        var again = (FBetaScore)round_trip(fbeta_obj);
        Assert.That((again.beta, again.average, again.threshold, again.name), Is.EqualTo((0.5, (string?)null, (double?)0.3, "fbeta_score")));
    }

    [Test]
    public void FBetaScore_InvalidArguments()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => new FBetaScore(average: "invalid_average", beta: 1.0))!.Message,
                    Does.StartWith("Invalid `average` argument value. Expected one of: {None, 'micro', 'macro', 'weighted'}. Received: average=invalid_average"));
        Assert.That(Assert.Throws<ArgumentException>(() => new FBetaScore(average: "macro", beta: 0.0))!.Message,
                    Does.StartWith("Invalid `beta` argument value. It should be > 0. Received: beta=0.0"));
        Assert.That(Assert.Throws<ArgumentException>(() => new FBetaScore(threshold: 1.1))!.ParamName, Is.EqualTo("threshold"));
        Assert.That(Assert.Throws<ArgumentException>(() => new FBetaScore(threshold: 0.0))!.ParamName, Is.EqualTo("threshold"));
    }

    [Test]
    public void TopKCategoricalAccuracy_ConfigUnweightedWeighted()
    {
        var obj = new TopKCategoricalAccuracy(k: 1, name: "top_k_categorical_accuracy");
        var config = obj.get_config();
        Assert.That((config["name"], config["dtype"], config["k"]), Is.EqualTo(("top_k_categorical_accuracy", "float32", 1L)));
        Assert.That(((TopKCategoricalAccuracy)round_trip(obj)).k, Is.EqualTo(1));
        var y_true = torch.tensor(new float[,] { { 0, 0, 1 }, { 0, 1, 0 } });
        var y_pred = torch.tensor(new float[,] { { 0.1f, 0.9f, 0.8f }, { 0.05f, 0.95f, 0 } });
        obj.update_state(y_true, y_pred);
        Assert.That(obj.result(), Is.EqualTo(0.5).Within(1e-3));
        var weighted = new TopKCategoricalAccuracy(k: 1);
        weighted.update_state(y_true, y_pred, torch.tensor(new float[] { 0.7f, 0.3f }));
        Assert.That(weighted.result(), Is.EqualTo(0.3).Within(1e-3));
    }

    [Test]
    public void SparseTopKCategoricalAccuracy_Config()
    {
        var obj = new SparseTopKCategoricalAccuracy(k: 1, name: "sparse_top_k_categorical_accuracy");
        var again = (SparseTopKCategoricalAccuracy)round_trip(obj);
        Assert.That((again.name, again.k, again.from_sorted_ids), Is.EqualTo(("sparse_top_k_categorical_accuracy", 1, false)));
        var sorted = new SparseTopKCategoricalAccuracy(k: 1, from_sorted_ids: true);
        Assert.That(sorted.get_config()["from_sorted_ids"], Is.EqualTo(true));
        Assert.That(((SparseTopKCategoricalAccuracy)round_trip(sorted)).from_sorted_ids, Is.True);
    }

    [Test]
    public void SparseTopKCategoricalAccuracy_UnweightedWeighted()
    {
        var y_true = torch.tensor(new float[] { 2, 1 });
        var y_pred = torch.tensor(new float[,] { { 0.1f, 0.9f, 0.8f }, { 0.05f, 0.95f, 0 } });
        var obj = new SparseTopKCategoricalAccuracy(k: 1);
        obj.update_state(y_true, y_pred);
        Assert.That(obj.result(), Is.EqualTo(0.5).Within(1e-3));
        var weighted = new SparseTopKCategoricalAccuracy(k: 1);
        weighted.update_state(y_true, y_pred, torch.tensor(new float[] { 0.7f, 0.3f }));
        Assert.That(weighted.result(), Is.EqualTo(0.3).Within(1e-3));
    }
}
