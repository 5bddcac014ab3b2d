using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Losses;

/// <summary>
/// Base of Keras's losses. <see cref="call"/> gives the loss of each sample (shape [batch]),
/// before any sample weighting or reduction; training reduces it as Keras does
/// (<c>sum_over_batch_size</c>), which <see cref="__call__"/> does.
/// </summary>
public abstract class Loss
{
    private static readonly string?[] allowed_reductions = ["sum_over_batch_size", "sum", null, "none", "mean", "mean_with_sample_weight"];

    /// <summary>A loss named <paramref name="name"/> with Keras's default reduction, <c>sum_over_batch_size</c>.</summary>
    /// <param name="name">Keras's name for the loss.</param>
    protected Loss(string name)
        : this(name, "sum_over_batch_size")
    {
    }

    /// <summary>A loss named <paramref name="name"/> that reduces as <paramref name="reduction"/> says.</summary>
    /// <param name="name">Keras's name for the loss.</param>
    /// <param name="reduction">How <see cref="Loss.__call__"/> reduces the per-sample losses: <c>"sum_over_batch_size"</c> (default, the mean over every value), <c>"sum"</c>, <c>"mean"</c>, <c>"mean_with_sample_weight"</c> (divided by the sum of the weights), or <c>"none"</c> / null (no reduction).</param>
    /// <exception cref="ArgumentException">An unknown <paramref name="reduction"/>.</exception>
    protected Loss(string name, string? reduction)
    {
        if (!allowed_reductions.Contains(reduction))
            throw new ArgumentException(
                "Invalid value for argument `reduction`. Expected one of {'sum_over_batch_size', 'sum', None, 'none', 'mean', 'mean_with_sample_weight'}. " +
                $"Received: reduction={PythonFormat.str(reduction)}", nameof(reduction));
        this.name = name;
        this.reduction = reduction;
    }

    /// <summary>Keras's name for the loss (for example <c>binary_crossentropy</c>).</summary>
    public string name { get; }

    /// <summary>How <see cref="__call__"/> reduces the per-sample losses (Keras's default <c>sum_over_batch_size</c>).</summary>
    public string? reduction { get; }

    /// <summary>Per-sample losses, shape [batch].</summary>
    public abstract torch.Tensor call(torch.Tensor y_true, torch.Tensor y_pred);

    /// <summary>Keras's config dictionary for this loss.</summary>
    public abstract IDictionary<string, object> get_config();

    /// <summary>
    /// Keras's <c>loss(y_true, y_pred, sample_weight)</c>: the per-sample losses of <see cref="call"/>,
    /// times <paramref name="sample_weight"/> if given, then reduced. <c>sum_over_batch_size</c>
    /// and <c>mean</c> divide the weighted sum by the number of values, <c>mean_with_sample_weight</c>
    /// by the sum of the weights, <c>sum</c> does not divide, <c>none</c> keeps the values.
    /// </summary>
    public torch.Tensor __call__(torch.Tensor y_true, torch.Tensor y_pred, torch.Tensor? sample_weight = null)
    {
        using var scope = torch.NewDisposeScope();
        var values = call(y_true, y_pred);
        if (sample_weight is not null)
        {
            var (v, w) = squeeze_or_expand_to_same_rank(values, sample_weight.to_type(values.dtype));
            values = v * w;
        }
        if (reduction is null or "none" || values.dim() == 0 || (values.dim() == 1 && values.shape[0] == 0))
            return values.MoveToOuterDisposeScope();
        var loss = values.sum();
        if (reduction == "mean_with_sample_weight" && sample_weight is not null)
        {
            var divisor = sample_weight.sum().to_type(loss.dtype);
            // divide_no_nan: 0 where the divisor is 0.
            loss = torch.where(divisor == 0, torch.zeros_like(loss), loss / divisor);
        }
        else if (reduction != "sum")
        {
            // The count is known here: divide by it as a scalar (exact in float32 below 2^24, as Keras's cast), 0 when empty.
            long count = values.numel();
            loss = count == 0 ? torch.zeros_like(loss) : loss.div_(count);
        }
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>The <c>name</c> and <c>reduction</c> entries every Keras loss config starts with.</summary>
    protected Dictionary<string, object> base_config() => new() { ["name"] = name, ["reduction"] = reduction! };

    /// <summary>
    /// Keras's <c>squeeze_or_expand_to_same_rank</c>: when the ranks differ by one and the longer
    /// ends in 1, that axis is dropped, or a rank-1 partner gains a trailing axis.
    /// </summary>
    internal static (torch.Tensor, torch.Tensor) squeeze_or_expand_to_same_rank(torch.Tensor x1, torch.Tensor x2)
    {
        long r1 = x1.dim(), r2 = x2.dim();
        if (r1 == r2 + 1 && x1.shape[^1] == 1)
            return r2 == 1 ? (x1, x2.unsqueeze(-1)) : (x1.squeeze(-1), x2);
        if (r2 == r1 + 1 && x2.shape[^1] == 1)
            return r1 == 1 ? (x1.unsqueeze(-1), x2) : (x1, x2.squeeze(-1));
        return (x1, x2);
    }

    /// <summary>Labels as floats of the prediction's dtype (int labels are accepted, as Keras casts them).</summary>
    private protected static torch.Tensor cast_like(torch.Tensor y_true, torch.Tensor y_pred) =>
        y_true.dtype == y_pred.dtype ? y_true : y_true.to_type(y_pred.dtype);
}
