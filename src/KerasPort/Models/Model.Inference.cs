using KerasPort.Backend;
using KerasPort.Callbacks;
using KerasPort.Distribution;
using KerasPort.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Models;

public partial class Model
{
    /// <summary>
    /// Keras's <c>evaluate</c> with <c>return_dict=False</c>: the loss (penalties included), then
    /// the compiled metrics in their order, over batches of <paramref name="batch_size"/> (32 when null).
    /// </summary>
    /// <example><code>var (test_loss, test_acc) = model.evaluate(test_images, test_labels, verbose: 2);</code></example>
    public double[] evaluate(Tensor x, Tensor? y = null, int? batch_size = null, Verbosity verbose = default,
        Tensor? sample_weight = null, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        var logs = evaluate(x, y, true, batch_size, verbose, sample_weight, steps, callbacks);
        return flatten_metrics_in_order(logs);
    }

    /// <summary>Keras's <c>evaluate</c> for a model with several inputs (one array per input).</summary>
    public double[] evaluate(Tensor[] x, Tensor? y = null, int? batch_size = null, Verbosity verbose = default,
        Tensor? sample_weight = null, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        flatten_metrics_in_order(evaluate_arrays(x, y is null ? null : [y], batch_size, verbose, sample_weight, steps, callbacks));

    /// <summary>Keras's <c>evaluate</c> for a model with several outputs (one array of targets per output).</summary>
    public double[] evaluate(Tensor x, Tensor[] y, int? batch_size = null, Verbosity verbose = default,
        Tensor? sample_weight = null, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        flatten_metrics_in_order(evaluate_arrays(one(x, nameof(x)), y, batch_size, verbose, sample_weight, steps, callbacks));

    /// <summary>Keras's <c>evaluate</c> for a model with several inputs and several outputs.</summary>
    public double[] evaluate(Tensor[] x, Tensor[] y, int? batch_size = null, Verbosity verbose = default,
        Tensor? sample_weight = null, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        flatten_metrics_in_order(evaluate_arrays(x, y, batch_size, verbose, sample_weight, steps, callbacks));

    /// <summary>
    /// Keras's <c>evaluate(..., return_dict=True)</c>: the same values by name (<c>loss</c>,
    /// <c>accuracy</c>, ...). Pass <c>return_dict: true</c>; the list form is the overload without it.
    /// </summary>
    public Dictionary<string, double> evaluate(Tensor x, Tensor? y, bool return_dict, int? batch_size = null, Verbosity verbose = default,
        Tensor? sample_weight = null, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!return_dict)
            throw new ArgumentException("Invalid value received for argument return_dict. This overload returns the dictionary (return_dict: true); call evaluate without return_dict for the list.", nameof(return_dict));
        return evaluate_arrays([x], y is null ? null : [y], batch_size, verbose, sample_weight, steps, callbacks);
    }

    private Dictionary<string, double> evaluate_arrays(Tensor[] x, Tensor[]? y, int? batch_size, Verbosity verbose,
        Tensor? sample_weight, int? steps, IEnumerable<Callback>? callbacks)
    {
        ArgumentNullException.ThrowIfNull(x);
        require_compiled();
        int batch = check_batch_size(batch_size);
        if (steps is <= 0)
            throw new ArgumentException($"Invalid value received for argument steps. Expected a positive integer or null. Received: steps={steps}", nameof(steps));
        var (tx, ty, tw) = prepare_arrays(x, y, sample_weight);
        using var data = new TensorDataAdapter(tx, ty, tw, batch, shuffle: false);
        var list = make_callbacks(callbacks, null, verbose, 1, data.steps(steps));
        return run_evaluate(data, steps, list);
    }

    /// <summary>Keras's <c>evaluate</c> on a <see cref="Sequence"/>: the loss, then the metrics.</summary>
    public double[] evaluate(Sequence x, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        require_compiled();
        var data = new SequenceDataAdapter(x);
        var list = make_callbacks(callbacks, null, verbose, 1, data.steps(steps));
        return flatten_metrics_in_order(run_evaluate(data, steps, list));
    }

    /// <summary>Keras's evaluation loop: metrics reset, then every batch in inference mode.</summary>
    /// <summary>The evaluation loop; under DataParallel, an exception on one rank ends the job on every rank.</summary>
    private Dictionary<string, double> run_evaluate(DataAdapter data, int? steps, CallbackList callbacks) =>
        Replicas.guard(() => evaluate_loop(data, steps, callbacks));

    private Dictionary<string, double> evaluate_loop(DataAdapter data, int? steps, CallbackList callbacks)
    {
        int count = data.steps(steps);
        callbacks.on_test_begin();
        reset_metrics();
        start_data(data);
        data.begin_epoch();
        using var threads = new IntraOpThreads();
        for (int step = 0; step < count; step++)
        {
            if (step >= data.num_batches)
            {
                data_ran_out(data, steps);
                break;
            }
            callbacks.on_test_batch_begin(step);
            test_step(data, step, threads);
            callbacks.on_test_batch_end(step, metrics_result());
        }
        data.on_epoch_end();
        var logs = metrics_result();
        callbacks.on_test_end(logs);
        return logs;
    }

    private void test_step(DataAdapter data, int step, IntraOpThreads threads)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (x, y, sample_weight) = on_model_device(as_floatx(Replicas.share(data.get(step))));
        // Under DataParallel, a last batch smaller than the ranks leaves some none; the logs sum the others.
        if (x[0].size(0) == 0) return;
        choose_threads(threads, x[0].size(0));
        var y_pred = forward(x, training: false);
        var loss = compute_loss(y, y_pred, sample_weight);
        track_loss(loss, x[0].size(0));
        update_metrics(y, y_pred, sample_weight);
        detach_losses();
    }

    /// <summary>
    /// Keras's <c>predict</c>: the outputs for <paramref name="x"/> in inference mode (Dropout off),
    /// computed in batches of <paramref name="batch_size"/> (32 when null) and concatenated.
    /// </summary>
    public Tensor predict(Tensor x, int? batch_size = null, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        single_prediction(predict_outputs(x, batch_size, verbose, steps, callbacks));

    /// <summary>Keras's <c>predict</c> for a model with several inputs: one array per input, in the order of <c>model.inputs</c>.</summary>
    public Tensor predict(Tensor[] x, int? batch_size = null, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        single_prediction(predict_outputs(x, batch_size, verbose, steps, callbacks));

    /// <summary>Keras's <c>predict</c> on a <see cref="Sequence"/>: the outputs of every batch's x, concatenated.</summary>
    public Tensor predict(Sequence x, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        var data = new SequenceDataAdapter(x);
        return single_prediction(run_predict(data, steps, predict_callbacks(callbacks, verbose, data.steps(steps))));
    }

    /// <summary>
    /// Keras's <c>predict</c> for a model with several outputs: one array per output, in the order
    /// of <c>model.outputs</c> (Python's list of arrays).
    /// </summary>
    public Tensor[] predict_outputs(Tensor x, int? batch_size = null, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        predict_outputs(one(x, nameof(x)), batch_size, verbose, steps, callbacks);

    /// <summary>Keras's <c>predict</c> for a model with several inputs and outputs: one array per output.</summary>
    public Tensor[] predict_outputs(Tensor[] x, int? batch_size = null, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        int batch = check_batch_size(batch_size);
        var (tx, _, _) = prepare_arrays(x, null, null);
        using var data = new TensorDataAdapter(tx, null, null, batch, shuffle: false);
        return run_predict(data, steps, predict_callbacks(callbacks, verbose, data.steps(steps)));
    }

    private Tensor single_prediction(Tensor[] outputs, string outputs_method = nameof(predict_outputs))
    {
        if (outputs.Length == 1) return outputs[0];
        foreach (var o in outputs) o.Dispose();
        throw new ArgumentException($"Model {name} has {outputs.Length} outputs; `{outputs_method}` gives one array per output.", "x");
    }

    /// <summary>
    /// Keras's <c>predict_on_batch</c>: the outputs for <paramref name="x"/> taken as one batch,
    /// in inference mode (Dropout off), without callbacks. Unlike <c>predict</c>, it draws nothing
    /// from torch's generator: Keras runs it without a data loader.
    /// </summary>
    public Tensor predict_on_batch(Tensor x) =>
        single_prediction(predict_on_batch_outputs(one(x, nameof(x))), nameof(predict_on_batch_outputs));

    /// <summary>Keras's <c>predict_on_batch</c> for a model with several inputs: one array per input, in the order of <c>model.inputs</c>.</summary>
    public Tensor predict_on_batch(Tensor[] x) => single_prediction(predict_on_batch_outputs(x), nameof(predict_on_batch_outputs));

    /// <summary>Keras's <c>predict_on_batch</c> for a model with several outputs: one array per output, in the order of <c>model.outputs</c>.</summary>
    public Tensor[] predict_on_batch_outputs(Tensor x) => predict_on_batch_outputs(one(x, nameof(x)));

    /// <summary>Keras's <c>predict_on_batch</c> for a model with several inputs and outputs: one array per output.</summary>
    public Tensor[] predict_on_batch_outputs(Tensor[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var outputs = new PredictionBuffer(rows: null);
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var (tx, _, _) = prepare_arrays(x, null, null);
            outputs.add(forward(tx, training: false), tx[0].size(0), scope);
            detach_losses();
        }
        return outputs.result();
    }

    /// <summary>
    /// Keras's prediction loop: every batch in inference mode, its outputs collected
    /// (<see cref="PredictionBuffer"/>). Without callbacks (<paramref name="callbacks"/> null: none
    /// passed and no progress bar), no hook runs.
    /// </summary>
    /// <summary>The prediction loop; under DataParallel, an exception on one rank ends the job on every rank.</summary>
    private Tensor[] run_predict(DataAdapter data, int? steps, CallbackList? callbacks) =>
        Replicas.guard(() => predict_loop(data, steps, callbacks));

    private Tensor[] predict_loop(DataAdapter data, int? steps, CallbackList? callbacks)
    {
        int count = data.steps(steps);
        callbacks?.on_predict_begin();
        using var outputs = new PredictionBuffer(data.rows(count));
        data.begin_epoch();
        using var threads = new IntraOpThreads();
        for (int step = 0; step < count; step++)
        {
            if (step >= data.num_batches)
            {
                data_ran_out(data, steps);
                break;
            }
            callbacks?.on_predict_batch_begin(step);
            using (var scope = NewDisposeScope())
            using (no_grad())
            {
                var batch = data.get(step);
                var x = as_floatx(Replicas.share(batch)).x;
                // One batch keeps the count in force: the choice pays off over many batches.
                if (count > 1) choose_threads(threads, x[0].size(0));
                outputs.add(Replicas.gather(forward(x, training: false)), batch.size, scope);
                detach_losses();
            }
            callbacks?.on_predict_batch_end(step);
        }
        data.on_epoch_end();
        callbacks?.on_predict_end();
        return outputs.result();
    }

    /// <summary>The callbacks of a prediction: null (none run) when none are passed and <paramref name="verbose"/> shows no progress bar.</summary>
    private CallbackList? predict_callbacks(IEnumerable<Callback>? callbacks, Verbosity verbose, int? steps) =>
        callbacks is null && verbose.level == 0 ? null : make_callbacks(callbacks, null, verbose, 1, steps);
}
