using TorchSharp;

namespace KerasPort.Losses;

/// <summary>
/// Base of Keras's losses. <see cref="call"/> gives the loss of each sample (shape [batch]),
/// before any sample weighting or reduction; training reduces it as Keras does
/// (<c>sum_over_batch_size</c>).
/// </summary>
public abstract class Loss
{
    protected Loss(string name)
    {
        this.name = name;
    }

    /// <summary>Keras's name for the loss (for example <c>binary_crossentropy</c>).</summary>
    public string name { get; }

    /// <summary>Per-sample losses, shape [batch].</summary>
    public abstract torch.Tensor call(torch.Tensor y_true, torch.Tensor y_pred);

    /// <summary>Keras's config dictionary for this loss.</summary>
    public abstract IDictionary<string, object> get_config();
}
