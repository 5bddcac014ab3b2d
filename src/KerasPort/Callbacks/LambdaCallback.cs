namespace KerasPort.Callbacks;

/// <summary>
/// A callback made of delegates (Keras 3's <c>keras.callbacks.LambdaCallback</c>): each hook
/// given is called with Keras's arguments, the others do nothing.
/// </summary>
/// <example>
/// Python <c>LambdaCallback(on_epoch_end=lambda epoch, logs: print(epoch, logs["loss"]))</c> ports as:
/// <code>
/// var print_loss = new LambdaCallback(on_epoch_end: (epoch, logs) => Console.WriteLine($"{epoch} {logs?["loss"]}"));
/// var cleanup = new LambdaCallback(on_train_end: logs => File.Delete("tmp.json"));
/// </code>
/// </example>
public sealed class LambdaCallback : Callback
{
    private readonly Action<int, IDictionary<string, double>?>? _on_epoch_begin;
    private readonly Action<int, IDictionary<string, double>?>? _on_epoch_end;
    private readonly Action<IDictionary<string, double>?>? _on_train_begin;
    private readonly Action<IDictionary<string, double>?>? _on_train_end;
    private readonly Action<int, IDictionary<string, double>?>? _on_train_batch_begin;
    private readonly Action<int, IDictionary<string, double>?>? _on_train_batch_end;

    /// <summary>Builds a callback from the hooks given; each null hook does nothing.</summary>
    /// <param name="on_epoch_begin">Called with the epoch (0-based) and the logs at the start of each epoch.</param>
    /// <param name="on_epoch_end">Called with the epoch (0-based) and the epoch's logs at the end of each epoch.</param>
    /// <param name="on_train_begin">Called with the logs at the start of training.</param>
    /// <param name="on_train_end">Called with the logs at the end of training.</param>
    /// <param name="on_train_batch_begin">Called with the batch index and the logs before each training batch.</param>
    /// <param name="on_train_batch_end">Called with the batch index and the logs after each training batch.</param>
    public LambdaCallback(
        Action<int, IDictionary<string, double>?>? on_epoch_begin = null,
        Action<int, IDictionary<string, double>?>? on_epoch_end = null,
        Action<IDictionary<string, double>?>? on_train_begin = null,
        Action<IDictionary<string, double>?>? on_train_end = null,
        Action<int, IDictionary<string, double>?>? on_train_batch_begin = null,
        Action<int, IDictionary<string, double>?>? on_train_batch_end = null)
    {
        _on_epoch_begin = on_epoch_begin;
        _on_epoch_end = on_epoch_end;
        _on_train_begin = on_train_begin;
        _on_train_end = on_train_end;
        _on_train_batch_begin = on_train_batch_begin;
        _on_train_batch_end = on_train_batch_end;
    }

    /// <inheritdoc/>
    public override void on_epoch_begin(int epoch, IDictionary<string, double>? logs = null) => _on_epoch_begin?.Invoke(epoch, logs);
    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null) => _on_epoch_end?.Invoke(epoch, logs);
    /// <inheritdoc/>
    public override void on_train_begin(IDictionary<string, double>? logs = null) => _on_train_begin?.Invoke(logs);
    /// <inheritdoc/>
    public override void on_train_end(IDictionary<string, double>? logs = null) => _on_train_end?.Invoke(logs);
    /// <inheritdoc/>
    public override void on_train_batch_begin(int batch, IDictionary<string, double>? logs = null) => _on_train_batch_begin?.Invoke(batch, logs);
    /// <inheritdoc/>
    public override void on_train_batch_end(int batch, IDictionary<string, double>? logs = null) => _on_train_batch_end?.Invoke(batch, logs);
}
