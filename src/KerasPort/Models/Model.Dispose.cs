namespace KerasPort.Models;

// Native memory: a model owns its layers (Layer.Dispose releases them) and its optimizer's state.
public partial class Model
{
    /// <summary>
    /// Releases the layers' weights (as every layer's <c>Dispose</c>) and the optimizer's variables
    /// when the optimizer is disposable, now rather than at finalization; the model cannot be used
    /// afterwards. Models loaded or built in a loop should be disposed (or held in a <c>using</c>):
    /// <c>using var model = keras.models.load_model("model.keras");</c>
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed) (optimizer as IDisposable)?.Dispose();
        base.Dispose(disposing);
    }
}
