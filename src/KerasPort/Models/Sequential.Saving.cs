namespace KerasPort.Models;

public sealed partial class Sequential
{
    /// <summary>Writes the weights in Keras 3's <c>.weights.h5</c> layout.</summary>
    public override void save_weights(string filepath, bool overwrite = true) =>
        throw new NotImplementedException("save_weights needs the .weights.h5 writer of KerasPort.Saving, which has not landed yet.");

    /// <summary>Reads weights written by Keras 3 or by <see cref="save_weights"/>.</summary>
    public override void load_weights(string filepath) =>
        throw new NotImplementedException("load_weights needs the .weights.h5 reader of KerasPort.Saving, which has not landed yet.");
}
