using KerasPort.Losses;
using TorchSharp;

namespace KerasPort.Metrics;

/// <summary>
/// The state and arithmetic of Keras's <c>Mean</c> (a float32 total and count), shared by
/// <see cref="Mean"/> and <see cref="MeanMetricWrapper"/>. In Keras the wrapper subclasses Mean;
/// here they are siblings, so that <c>wrapper.update_state(y_true, y_pred)</c> cannot bind to
/// Mean's <c>update_state(values, sample_weight)</c>.
/// </summary>
public abstract class MeanReduction : Metric
{
    private protected MeanReduction(string name)
        : base(name)
    {
    }

    private float total;
    private float count;

    /// <summary>
    /// Adds <paramref name="values"/> (one per sample, or per sample and more axes) to the mean:
    /// values with more than one axis count once per sample (their mean over the other axes); a
    /// sample weight multiplies each sample's value and adds to the count.
    /// </summary>
    private protected void accumulate(torch.Tensor values, torch.Tensor? sample_weight)
    {
        using var scope = torch.NewDisposeScope();
        var (v, w) = reduce_to_samplewise_values(values, sample_weight);
        total += v.sum().item<float>();
        count += w is not null ? w.sum().item<float>() : v.dim() >= 1 ? v.shape[0] : 1;
    }

    /// <summary>Adds an already weighted sum and its weight (float32, as the tensor path).</summary>
    private protected void accumulate(float weighted_sum, float weight)
    {
        total += weighted_sum;
        count += weight;
    }

    /// <summary><c>total / count</c> in float32, 0 before any sample (Keras's divide_no_nan).</summary>
    public override double result() => count == 0 ? 0.0 : total / count;

    internal override float[] state_sums
    {
        get => [total, count];
        set => (total, count) = (value[0], value[1]);
    }

    /// <inheritdoc/>
    public override void reset_state()
    {
        total = 0;
        count = 0;
    }

    // Keras's reduce_to_samplewise_values with reduce_fn = mean.
    private static (torch.Tensor values, torch.Tensor? sample_weight) reduce_to_samplewise_values(torch.Tensor values, torch.Tensor? sample_weight)
    {
        values = values.to_type(torch.ScalarType.Float32);
        if (sample_weight is not null)
        {
            sample_weight = sample_weight.to_type(torch.ScalarType.Float32);
            (values, sample_weight) = Loss.squeeze_or_expand_to_same_rank(values, sample_weight);
            long weight_ndim = sample_weight.dim(), values_ndim = values.dim();
            if (values_ndim > weight_ndim)
                values = values.mean(Enumerable.Range((int)weight_ndim, (int)(values_ndim - weight_ndim)).Select(i => (long)i).ToArray());
            sample_weight = sample_weight.broadcast_to(values.shape);
            values = values * sample_weight;
            if (weight_ndim > 1)
                sample_weight = sample_weight.mean(Enumerable.Range(1, (int)weight_ndim - 1).Select(i => (long)i).ToArray());
        }
        if (values.dim() > 1)
            values = values.mean(Enumerable.Range(1, (int)values.dim() - 1).Select(i => (long)i).ToArray());
        return (values, sample_weight);
    }
}
