using KerasPort.Models;

namespace KerasPort.Callbacks;

/// <summary>
/// Base of Keras's callbacks: every hook that <c>fit</c>, <c>evaluate</c> and <c>predict</c>
/// call, each a no-op here. <see cref="model"/> is the model being trained and
/// <see cref="@params"/> holds <c>verbose</c>, <c>epochs</c> and <c>steps</c>.
/// </summary>
public abstract class Callback
{
    // Public fields, not properties: a property named `model` reserves the method names
    // get_model and set_model, and set_model is Keras's own hook (likewise for params).

    /// <summary>The model this callback watches; set by <see cref="set_model"/>.</summary>
    public Model? model;

    /// <summary>Training parameters (<c>verbose</c>, <c>epochs</c>, <c>steps</c>).</summary>
    public IDictionary<string, object?> @params = new Dictionary<string, object?>();

    public virtual void set_params(IDictionary<string, object?> @params) => this.@params = @params;

    public virtual void set_model(Model model) => this.model = model;

    public virtual void on_train_begin(IDictionary<string, double>? logs = null) { }
    public virtual void on_train_end(IDictionary<string, double>? logs = null) { }
    public virtual void on_epoch_begin(int epoch, IDictionary<string, double>? logs = null) { }
    public virtual void on_epoch_end(int epoch, IDictionary<string, double>? logs = null) { }
    public virtual void on_train_batch_begin(int batch, IDictionary<string, double>? logs = null) { }
    public virtual void on_train_batch_end(int batch, IDictionary<string, double>? logs = null) { }
    public virtual void on_test_begin(IDictionary<string, double>? logs = null) { }
    public virtual void on_test_end(IDictionary<string, double>? logs = null) { }
    public virtual void on_test_batch_begin(int batch, IDictionary<string, double>? logs = null) { }
    public virtual void on_test_batch_end(int batch, IDictionary<string, double>? logs = null) { }
    public virtual void on_predict_begin(IDictionary<string, double>? logs = null) { }
    public virtual void on_predict_end(IDictionary<string, double>? logs = null) { }
    public virtual void on_predict_batch_begin(int batch, IDictionary<string, double>? logs = null) { }
    public virtual void on_predict_batch_end(int batch, IDictionary<string, double>? logs = null) { }
}
