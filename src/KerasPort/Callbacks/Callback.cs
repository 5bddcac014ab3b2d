using KerasPort.Models;

namespace KerasPort.Callbacks;

/// <summary>
/// Base of Keras's callbacks: every hook that <c>fit</c>, <c>evaluate</c> and <c>predict</c>
/// call, each a no-op here. <see cref="model"/> is the model being trained and
/// <see cref="@params"/> holds <c>verbose</c>, <c>epochs</c> and <c>steps</c>.
/// </summary>
/// <example>
/// A Python subclass <c>class LossPrinter(keras.callbacks.Callback)</c> with
/// <c>def on_epoch_end(self, epoch, logs=None)</c> ports as:
/// <code>
/// sealed class LossPrinter : Callback
/// {
///     public override void on_epoch_end(int epoch, IDictionary&lt;string, double&gt;? logs = null)
///         => Console.WriteLine($"epoch {epoch}: loss {logs?["loss"]}");
/// }
/// model.fit(x, y, epochs: 5, callbacks: [new LossPrinter()]);
/// </code>
/// </example>
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

    /// <summary>
    /// Stores the training parameters in <see cref="@params"/>; <c>fit</c>, <c>evaluate</c> and
    /// <c>predict</c> call it before the first hook.
    /// </summary>
    /// <param name="params">The parameters: <c>verbose</c>, <c>epochs</c> and <c>steps</c> (batches per epoch).</param>
    public virtual void set_params(IDictionary<string, object?> @params) => this.@params = @params;

    /// <summary>
    /// Attaches the callback to <paramref name="model"/> (stored in <see cref="model"/>). <c>fit</c>
    /// calls it; call it yourself to drive a callback by hand, as Keras's tests do.
    /// </summary>
    /// <param name="model">The model the hooks act on.</param>
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

    /// <summary>Called once at the start of <c>fit</c>.</summary>
    /// <param name="logs">Null here (Keras passes no logs at this point either).</param>
    public virtual void on_train_begin(IDictionary<string, double>? logs = null) { }
    /// <summary>Called once at the end of <c>fit</c>, after the last epoch, also when training was stopped early.</summary>
    /// <param name="logs">The logs of the last epoch.</param>
    public virtual void on_train_end(IDictionary<string, double>? logs = null) { }
    /// <summary>Called at the start of every epoch of <c>fit</c>.</summary>
    /// <param name="epoch">The 0-based index of the epoch.</param>
    /// <param name="logs">Null here (Keras passes no logs at this point either).</param>
    public virtual void on_epoch_begin(int epoch, IDictionary<string, double>? logs = null) { }
    /// <summary>Called at the end of every epoch of <c>fit</c>, after validation. Setting <c>model.stop_training</c> here ends training after this epoch.</summary>
    /// <param name="epoch">The 0-based index of the epoch.</param>
    /// <param name="logs">The epoch's results by name: <c>loss</c> and every metric, with their <c>val_</c> versions when <c>fit</c> validates (e.g. <c>logs["val_loss"]</c>).</param>
    public virtual void on_epoch_end(int epoch, IDictionary<string, double>? logs = null) { }
    /// <summary>Called before each training batch of <c>fit</c>.</summary>
    /// <param name="batch">The 0-based index of the batch within the epoch.</param>
    /// <param name="logs">Null here (Keras passes no logs at this point either).</param>
    public virtual void on_train_batch_begin(int batch, IDictionary<string, double>? logs = null) { }
    /// <summary>Called after each training batch of <c>fit</c>.</summary>
    /// <param name="batch">The 0-based index of the batch within the epoch.</param>
    /// <param name="logs">The loss and metrics averaged over the epoch so far.</param>
    public virtual void on_train_batch_end(int batch, IDictionary<string, double>? logs = null) { }
    /// <summary>Called at the start of <c>evaluate</c>, and of the validation pass inside <c>fit</c>.</summary>
    /// <param name="logs">Null here (Keras passes no logs at this point either).</param>
    public virtual void on_test_begin(IDictionary<string, double>? logs = null) { }
    /// <summary>Called at the end of <c>evaluate</c>, and of the validation pass inside <c>fit</c>.</summary>
    /// <param name="logs">The loss and metric results of the evaluation.</param>
    public virtual void on_test_end(IDictionary<string, double>? logs = null) { }
    /// <summary>Called before each batch of <c>evaluate</c> (and of validation inside <c>fit</c>).</summary>
    /// <param name="batch">The 0-based index of the batch.</param>
    /// <param name="logs">Null here (Keras passes no logs at this point either).</param>
    public virtual void on_test_batch_begin(int batch, IDictionary<string, double>? logs = null) { }
    /// <summary>Called after each batch of <c>evaluate</c> (and of validation inside <c>fit</c>).</summary>
    /// <param name="batch">The 0-based index of the batch.</param>
    /// <param name="logs">The loss and metrics averaged over the batches so far.</param>
    public virtual void on_test_batch_end(int batch, IDictionary<string, double>? logs = null) { }
    /// <summary>Called at the start of <c>predict</c>.</summary>
    /// <param name="logs">Null here (Keras passes no logs at this point either).</param>
    public virtual void on_predict_begin(IDictionary<string, double>? logs = null) { }
    /// <summary>Called at the end of <c>predict</c>.</summary>
    /// <param name="logs">Null here (Keras passes no logs at this point either).</param>
    public virtual void on_predict_end(IDictionary<string, double>? logs = null) { }
    /// <summary>Called before each batch of <c>predict</c>.</summary>
    /// <param name="batch">The 0-based index of the batch.</param>
    /// <param name="logs">Null here (Keras passes no logs at this point either).</param>
    public virtual void on_predict_batch_begin(int batch, IDictionary<string, double>? logs = null) { }
    /// <summary>Called after each batch of <c>predict</c>.</summary>
    /// <param name="batch">The 0-based index of the batch.</param>
    /// <param name="logs">Null here; Keras passes the batch's outputs, the port does not.</param>
    public virtual void on_predict_batch_end(int batch, IDictionary<string, double>? logs = null) { }
}
