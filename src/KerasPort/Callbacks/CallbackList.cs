using KerasPort.Models;

namespace KerasPort.Callbacks;

/// <summary>Calls each hook on every callback it holds, in order (Keras's <c>CallbackList</c>).</summary>
public sealed class CallbackList : Callback
{
    private readonly List<Callback> _callbacks;

    /// <summary>Groups <paramref name="callbacks"/> so that one call of each hook reaches all of them, in order.</summary>
    /// <param name="callbacks">The callbacks, in calling order; null for none.</param>
    /// <param name="model">When given, passed to every callback with <see cref="Callback.set_model"/>.</param>
    /// <param name="params">When given, passed to every callback with <see cref="Callback.set_params"/>.</param>
    public CallbackList(IEnumerable<Callback>? callbacks = null, Model? model = null, IDictionary<string, object?>? @params = null)
    {
        _callbacks = callbacks?.ToList() ?? new List<Callback>();
        if (model is not null) set_model(model);
        if (@params is not null) set_params(@params);
    }

    /// <summary>The callbacks held, in calling order.</summary>
    public IReadOnlyList<Callback> callbacks => _callbacks;

    /// <summary>Adds <paramref name="callback"/> at the end of the list.</summary>
    /// <param name="callback">The callback to add; it gets the model and parameters at the next <see cref="set_model"/> and <see cref="set_params"/>.</param>
    public void append(Callback callback) => _callbacks.Add(callback);

    /// <inheritdoc/>
    public override void set_params(IDictionary<string, object?> @params)
    {
        base.set_params(@params);
        foreach (var c in _callbacks) c.set_params(@params);
    }

    /// <inheritdoc/>
    public override void set_model(Model model)
    {
        base.set_model(model);
        foreach (var c in _callbacks) c.set_model(model);
    }

    /// <inheritdoc/>
    public override void on_train_begin(IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_train_begin(logs); }
    /// <inheritdoc/>
    public override void on_train_end(IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_train_end(logs); }
    /// <inheritdoc/>
    public override void on_epoch_begin(int epoch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_epoch_begin(epoch, logs); }
    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_epoch_end(epoch, logs); }
    /// <inheritdoc/>
    public override void on_train_batch_begin(int batch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_train_batch_begin(batch, logs); }
    /// <inheritdoc/>
    public override void on_train_batch_end(int batch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_train_batch_end(batch, logs); }
    /// <inheritdoc/>
    public override void on_test_begin(IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_test_begin(logs); }
    /// <inheritdoc/>
    public override void on_test_end(IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_test_end(logs); }
    /// <inheritdoc/>
    public override void on_test_batch_begin(int batch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_test_batch_begin(batch, logs); }
    /// <inheritdoc/>
    public override void on_test_batch_end(int batch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_test_batch_end(batch, logs); }
    /// <inheritdoc/>
    public override void on_predict_begin(IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_predict_begin(logs); }
    /// <inheritdoc/>
    public override void on_predict_end(IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_predict_end(logs); }
    /// <inheritdoc/>
    public override void on_predict_batch_begin(int batch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_predict_batch_begin(batch, logs); }
    /// <inheritdoc/>
    public override void on_predict_batch_end(int batch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_predict_batch_end(batch, logs); }
}
