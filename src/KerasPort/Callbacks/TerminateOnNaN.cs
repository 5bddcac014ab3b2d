using KerasPort.Utils;

namespace KerasPort.Callbacks;

/// <summary>
/// Stops training when a batch's loss is NaN or infinite (Keras 3's
/// <c>keras.callbacks.TerminateOnNaN</c>): it prints <c>Batch N: Invalid loss, terminating
/// training</c> and sets <c>model.stop_training</c>, or, with <c>raise_error: true</c>, throws at once.
/// </summary>
public sealed class TerminateOnNaN : Callback
{
    /// <summary>Creates the callback.</summary>
    /// <param name="raise_error">False (default) stops training gracefully after the batch; true throws an <see cref="InvalidOperationException"/> at once.</param>
    public TerminateOnNaN(bool raise_error = false) => this.raise_error = raise_error;

    /// <summary>Whether a NaN or infinite loss throws instead of stopping training.</summary>
    public bool raise_error { get; }

    /// <inheritdoc/>
    public override void on_train_batch_end(int batch, IDictionary<string, double>? logs = null)
    {
        if (logs is null || !logs.TryGetValue("loss", out double loss) || double.IsFinite(loss)) return;
        if (raise_error)
            throw new InvalidOperationException($"NaN or Inf loss encountered at batch {batch}. Loss value: {PythonFormat.repr(loss)}. Terminating training immediately.");
        print_msg($"Batch {batch}: Invalid loss, terminating training");
        require_model().stop_training = true;
    }
}
