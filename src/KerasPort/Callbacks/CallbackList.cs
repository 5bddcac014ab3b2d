using KerasPort.Models;

namespace KerasPort.Callbacks;

/// <summary>Calls each hook on every callback it holds, in order (Keras's <c>CallbackList</c>).</summary>
public sealed class CallbackList : Callback
{
    private readonly List<Callback> _callbacks;

    public CallbackList(IEnumerable<Callback>? callbacks = null, Model? model = null, IDictionary<string, object?>? @params = null)
    {
        _callbacks = callbacks?.ToList() ?? new List<Callback>();
        if (model is not null) set_model(model);
        if (@params is not null) set_params(@params);
    }

    public IReadOnlyList<Callback> callbacks => _callbacks;

    public void append(Callback callback) => _callbacks.Add(callback);

    public override void set_params(IDictionary<string, object?> @params)
    {
        base.set_params(@params);
        foreach (var c in _callbacks) c.set_params(@params);
    }

    public override void set_model(Model model)
    {
        base.set_model(model);
        foreach (var c in _callbacks) c.set_model(model);
    }

    public override void on_train_begin(IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_train_begin(logs); }
    public override void on_train_end(IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_train_end(logs); }
    public override void on_epoch_begin(int epoch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_epoch_begin(epoch, logs); }
    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_epoch_end(epoch, logs); }
    public override void on_train_batch_begin(int batch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_train_batch_begin(batch, logs); }
    public override void on_train_batch_end(int batch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_train_batch_end(batch, logs); }
    public override void on_test_begin(IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_test_begin(logs); }
    public override void on_test_end(IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_test_end(logs); }
    public override void on_test_batch_begin(int batch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_test_batch_begin(batch, logs); }
    public override void on_test_batch_end(int batch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_test_batch_end(batch, logs); }
    public override void on_predict_begin(IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_predict_begin(logs); }
    public override void on_predict_end(IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_predict_end(logs); }
    public override void on_predict_batch_begin(int batch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_predict_batch_begin(batch, logs); }
    public override void on_predict_batch_end(int batch, IDictionary<string, double>? logs = null) { foreach (var c in _callbacks) c.on_predict_batch_end(batch, logs); }
}
