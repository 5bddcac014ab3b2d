using KerasPort.Optimizers;
using TorchSharp;

namespace KerasPort.Models;

/// <summary>
/// Keras's <c>Model</c>: layers with weights that train with <c>compile</c> and <c>fit</c>.
/// Callbacks reach the model they watch through this type.
/// </summary>
public abstract class Model
{
    /// <summary>Set by a callback to end <c>fit</c> after the current epoch.</summary>
    public bool stop_training { get; set; }

    /// <summary>The optimizer given to <c>compile</c>; null before.</summary>
    public Optimizer? optimizer { get; protected set; }

    /// <summary>Every weight as a new tensor, in Keras's order and layout.</summary>
    public abstract torch.Tensor[] get_weights();

    /// <summary>Sets every weight; checks the count and each shape first and changes nothing on failure.</summary>
    public abstract void set_weights(IReadOnlyList<torch.Tensor> weights);

    /// <summary>Writes the weights in Keras 3's <c>.weights.h5</c> layout.</summary>
    public abstract void save_weights(string filepath, bool overwrite = true);

    /// <summary>Reads weights written by Keras 3 or by <see cref="save_weights"/>.</summary>
    public abstract void load_weights(string filepath);
}
