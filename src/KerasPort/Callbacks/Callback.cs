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

    /// <summary>
    /// Where this callback prints its messages (Keras's <c>io_utils.print_msg</c>, stdout);
    /// null means <see cref="Console.Out"/> at the time of printing.
    /// </summary>
    public TextWriter? stdout;

    /// <summary>
    /// Where every callback writes its warnings (Python's <c>warnings.warn</c>, stderr); null means
    /// <see cref="Console.Error"/>. Static because some warnings come from constructors, as in Keras.
    /// </summary>
    public static TextWriter? warnings_writer;

    public virtual void set_params(IDictionary<string, object?> @params) => this.@params = @params;

    public virtual void set_model(Model model) => this.model = model;

    /// <summary>The model, or a clear error when the callback is driven before <see cref="set_model"/>.</summary>
    protected Model require_model() =>
        model ?? throw new InvalidOperationException($"{GetType().Name} has no model: call set_model(model) first (fit does).");

    /// <summary>Prints as Keras's <c>io_utils.print_msg</c> does, then flushes.</summary>
    protected void print_msg(string message, bool line_break = true)
    {
        var writer = stdout ?? Console.Out;
        writer.Write(line_break ? message + "\n" : message);
        writer.Flush();
    }

    /// <summary>Writes a warning the way Python shows a <c>UserWarning</c>.</summary>
    protected internal static void warn(string message)
    {
        var writer = warnings_writer ?? Console.Error;
        writer.WriteLine("UserWarning: " + message);
        writer.Flush();
    }

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
