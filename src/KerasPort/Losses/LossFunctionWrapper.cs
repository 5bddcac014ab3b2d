using TorchSharp;

namespace KerasPort.Losses;

/// <summary>
/// Keras's <c>LossFunctionWrapper</c>: a <see cref="Loss"/> from a per-sample loss function. The
/// labels are cast to the prediction's dtype and brought to its rank
/// (<c>squeeze_or_expand_to_same_rank</c>) before <c>fn</c> runs, as Keras does.
/// </summary>
public class LossFunctionWrapper : Loss
{
    private readonly Func<torch.Tensor, torch.Tensor, torch.Tensor> _fn;

    /// <param name="fn">The per-sample loss, <c>fn(y_true, y_pred)</c>.</param>
    /// <param name="reduction">Keras's reduction. Default <c>"sum_over_batch_size"</c>.</param>
    /// <param name="name">The loss's name.</param>
    public LossFunctionWrapper(Func<torch.Tensor, torch.Tensor, torch.Tensor> fn, string? reduction = "sum_over_batch_size", string? name = null)
        : base(name ?? "loss_function_wrapper", reduction)
    {
        _fn = fn ?? throw new ArgumentNullException(nameof(fn));
    }

    /// <inheritdoc/>
    public override torch.Tensor call(torch.Tensor y_true, torch.Tensor y_pred)
    {
        using var scope = torch.NewDisposeScope();
        var (t, p) = squeeze_or_expand_to_same_rank(cast_like(y_true, y_pred), y_pred);
        return _fn(t, p).MoveToOuterDisposeScope();
    }

    /// <summary>Keras's <c>Loss.get_config</c>: <c>name</c> and <c>reduction</c> (the subclasses' arguments are not in it, as in Keras).</summary>
    public override IDictionary<string, object> get_config() => base_config();
}
