namespace KerasPort.Callbacks;

/// <summary>
/// A callback made of delegates (Keras 3's <c>keras.callbacks.LambdaCallback</c>): each hook
/// given is called with Keras's arguments, the others do nothing.
/// </summary>
/// <remarks>
/// <code>
/// var print_batch = new LambdaCallback(on_train_batch_begin: (batch, logs) => Console.WriteLine(batch));
/// var cleanup = new LambdaCallback(on_train_end: logs => File.Delete("tmp.json"));
/// </code>
/// </remarks>
public sealed class LambdaCallback : Callback
{
    private readonly Action<int, IDictionary<string, double>?>? _on_epoch_begin;
    private readonly Action<int, IDictionary<string, double>?>? _on_epoch_end;
    private readonly Action<IDictionary<string, double>?>? _on_train_begin;
    private readonly Action<IDictionary<string, double>?>? _on_train_end;
    private readonly Action<int, IDictionary<string, double>?>? _on_train_batch_begin;
    private readonly Action<int, IDictionary<string, double>?>? _on_train_batch_end;

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

    public override void on_epoch_begin(int epoch, IDictionary<string, double>? logs = null) => _on_epoch_begin?.Invoke(epoch, logs);
    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null) => _on_epoch_end?.Invoke(epoch, logs);
    public override void on_train_begin(IDictionary<string, double>? logs = null) => _on_train_begin?.Invoke(logs);
    public override void on_train_end(IDictionary<string, double>? logs = null) => _on_train_end?.Invoke(logs);
    public override void on_train_batch_begin(int batch, IDictionary<string, double>? logs = null) => _on_train_batch_begin?.Invoke(batch, logs);
    public override void on_train_batch_end(int batch, IDictionary<string, double>? logs = null) => _on_train_batch_end?.Invoke(batch, logs);
}
