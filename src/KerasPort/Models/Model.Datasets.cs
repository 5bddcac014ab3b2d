using KerasPort.Callbacks;
using KerasPort.Data;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Models;

public partial class Model
{
    /// <summary>Python shows a warning once per place in the code; so does KerasPort for "ran out of data".</summary>
    private static int _ran_out_warned;

    /// <summary>
    /// Keras's <c>fit</c> on a <see cref="Dataset"/> of batches (as on a tf.data pipeline): each
    /// element is <c>x</c>, <c>(x, y)</c> or <c>(x, y, sample_weight)</c>. An epoch is one pass over
    /// the dataset, to its end when its length is unknown; <paramref name="steps_per_epoch"/> bounds
    /// it (needed for a dataset that repeats forever), and then the pass goes on in the next epoch
    /// where this one stopped, as Keras's EpochIterator does. <paramref name="validation_data"/> may
    /// be a dataset too, read for <paramref name="validation_steps"/> batches or to its end. The
    /// dataset is not shuffled here: <paramref name="shuffle"/> is ignored with Keras's warning.
    /// </summary>
    public History fit(Dataset x, int epochs = 1, Verbosity verbose = default, IEnumerable<Callback>? callbacks = null,
        object? validation_data = null, bool shuffle = true, IDictionary<int, double>? class_weight = null, int initial_epoch = 0,
        int? steps_per_epoch = null, int? validation_steps = null, int validation_freq = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (shuffle)
            Callback.warn("`shuffle=True` was passed, but will be ignored since the data `x` was provided as a tf.data.Dataset. The Dataset is expected to already be shuffled (via `.shuffle(buffer_size)`).");
        return fit_iterable(IterableDataAdapter.of(x), epochs, verbose, callbacks, validation_data, class_weight, initial_epoch, steps_per_epoch, validation_steps, validation_freq);
    }

    /// <summary>
    /// Keras's <c>fit</c> on a generator: any enumerable of elements <c>[x]</c>, <c>[x, y]</c> or
    /// <c>[x, y, sample_weight]</c> (a LINQ query over a dataset, an iterator method). Each epoch
    /// enumerates it again, to its end unless <paramref name="steps_per_epoch"/> stops sooner.
    /// </summary>
    public History fit(IEnumerable<Tensor[]> x, int epochs = 1, Verbosity verbose = default, IEnumerable<Callback>? callbacks = null,
        object? validation_data = null, int initial_epoch = 0, int? steps_per_epoch = null, int? validation_steps = null, int validation_freq = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        return fit_iterable(IterableDataAdapter.of(x), epochs, verbose, callbacks, validation_data, null, initial_epoch, steps_per_epoch, validation_steps, validation_freq);
    }

    /// <summary>Keras's <c>fit</c> on a generator of <c>(x, y)</c> batches (see the <c>Tensor[]</c> overload).</summary>
    public History fit(IEnumerable<(Tensor x, Tensor y)> x, int epochs = 1, Verbosity verbose = default, IEnumerable<Callback>? callbacks = null,
        object? validation_data = null, int initial_epoch = 0, int? steps_per_epoch = null, int? validation_steps = null, int validation_freq = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        return fit_iterable(IterableDataAdapter.of(x.Select(b => new Batch(b.x, b.y))), epochs, verbose, callbacks, validation_data, null, initial_epoch, steps_per_epoch, validation_steps, validation_freq);
    }

    /// <summary>Keras's <c>fit</c> on a generator of <c>(x, y, sample_weight)</c> batches (see the <c>Tensor[]</c> overload).</summary>
    public History fit(IEnumerable<(Tensor x, Tensor y, Tensor sample_weight)> x, int epochs = 1, Verbosity verbose = default, IEnumerable<Callback>? callbacks = null,
        object? validation_data = null, int initial_epoch = 0, int? steps_per_epoch = null, int? validation_steps = null, int validation_freq = 1)
    {
        ArgumentNullException.ThrowIfNull(x);
        return fit_iterable(IterableDataAdapter.of(x.Select(b => new Batch(b.x, b.y, b.sample_weight))), epochs, verbose, callbacks, validation_data, null, initial_epoch, steps_per_epoch, validation_steps, validation_freq);
    }

    private History fit_iterable(IterableDataAdapter train, int epochs, Verbosity verbose, IEnumerable<Callback>? callbacks, object? validation_data,
        IDictionary<int, double>? class_weight, int initial_epoch, int? steps_per_epoch, int? validation_steps, int validation_freq)
    {
        require_compiled();
        check_fit_arguments(epochs, initial_epoch, steps_per_epoch, validation_freq);
        using (train)
        using (var validation = validation_data is null ? null : validation_adapter(validation_data, 32))
            return run_fit(train, epochs, verbose, callbacks, validation, 32, class_weight, initial_epoch, steps_per_epoch, validation_steps, validation_freq);
    }

    /// <summary>Keras's <c>evaluate</c> on a <see cref="Dataset"/> of batches: the loss, then the metrics, over <paramref name="steps"/> batches or the whole dataset.</summary>
    public double[] evaluate(Dataset x, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        evaluate_iterable(IterableDataAdapter.of(x ?? throw new ArgumentNullException(nameof(x))), verbose, steps, callbacks);

    /// <summary>Keras's <c>evaluate</c> on a generator of elements <c>[x, y]</c> or <c>[x, y, sample_weight]</c>.</summary>
    public double[] evaluate(IEnumerable<Tensor[]> x, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        evaluate_iterable(IterableDataAdapter.of(x ?? throw new ArgumentNullException(nameof(x))), verbose, steps, callbacks);

    /// <summary>Keras's <c>evaluate</c> on a generator of <c>(x, y)</c> batches.</summary>
    public double[] evaluate(IEnumerable<(Tensor x, Tensor y)> x, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        evaluate_iterable(IterableDataAdapter.of((x ?? throw new ArgumentNullException(nameof(x))).Select(b => new Batch(b.x, b.y))), verbose, steps, callbacks);

    /// <summary>
    /// Keras's <c>evaluate(dataset, return_dict=True)</c>: the loss and metrics by name. Pass
    /// <c>return_dict: true</c>; the list form is the overload without it.
    /// </summary>
    public Dictionary<string, double> evaluate(Dataset x, bool return_dict, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!return_dict)
            throw new ArgumentException("Invalid value received for argument return_dict. This overload returns the dictionary (return_dict: true); call evaluate without return_dict for the list.", nameof(return_dict));
        return evaluate_logs(IterableDataAdapter.of(x), verbose, steps, callbacks);
    }

    private double[] evaluate_iterable(IterableDataAdapter data, Verbosity verbose, int? steps, IEnumerable<Callback>? callbacks) =>
        flatten_metrics_in_order(evaluate_logs(data, verbose, steps, callbacks));

    private Dictionary<string, double> evaluate_logs(IterableDataAdapter data, Verbosity verbose, int? steps, IEnumerable<Callback>? callbacks)
    {
        require_compiled();
        if (steps is <= 0)
            throw new ArgumentException($"Invalid value received for argument steps. Expected a positive integer or null. Received: steps={steps}", nameof(steps));
        using (data)
            return run_evaluate(data, steps, make_callbacks(callbacks, null, verbose, 1, known_steps(data, steps)));
    }

    /// <summary>Keras's <c>predict</c> on a <see cref="Dataset"/>: the outputs for every batch's x (a y in the elements is ignored), concatenated.</summary>
    public Tensor predict(Dataset x, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        predict_iterable(IterableDataAdapter.of(x ?? throw new ArgumentNullException(nameof(x))), verbose, steps, callbacks);

    /// <summary>Keras's <c>predict</c> on a generator of elements <c>[x]</c> or <c>[x, y]</c>.</summary>
    public Tensor predict(IEnumerable<Tensor[]> x, Verbosity verbose = default, int? steps = null, IEnumerable<Callback>? callbacks = null) =>
        predict_iterable(IterableDataAdapter.of(x ?? throw new ArgumentNullException(nameof(x))), verbose, steps, callbacks);

    private Tensor predict_iterable(IterableDataAdapter data, Verbosity verbose, int? steps, IEnumerable<Callback>? callbacks)
    {
        if (steps is <= 0)
            throw new ArgumentException($"Invalid value received for argument steps. Expected a positive integer or null. Received: steps={steps}", nameof(steps));
        using (data)
            return single_prediction(run_predict(data, steps, predict_callbacks(callbacks, verbose, known_steps(data, steps))));
    }

    /// <summary>The adapter for validation data given as a dataset or a generator; null for the other kinds.</summary>
    private static DataAdapter? iterable_validation_adapter(object validation_data) => validation_data switch
    {
        Sequence => null,
        Dataset d => IterableDataAdapter.of(d),
        IEnumerable<Tensor[]> e => IterableDataAdapter.of(e),
        IEnumerable<(Tensor, Tensor)> e => IterableDataAdapter.of(e.Select(b => new Batch(b.Item1, b.Item2))),
        IEnumerable<(Tensor, Tensor, Tensor)> e => IterableDataAdapter.of(e.Select(b => new Batch(b.Item1, b.Item2, b.Item3))),
        _ => null,
    };

    /// <summary>The steps the progress bar shows: null (unknown, as Keras's None) for data whose length only iterating tells.</summary>
    private static int? known_steps(DataAdapter data, int? steps) =>
        data is IterableDataAdapter { length_known: false } ? steps : data.steps(steps);

    /// <summary>
    /// Keras's EpochIterator when a pass ends before the steps asked for, or a pass of unknown
    /// length ends: the warning, shown once as Python shows a warning once.
    /// </summary>
    private static void data_ran_out(DataAdapter data, int? steps)
    {
        if (steps is null && data is not IterableDataAdapter { length_known: false }) return;
        if (Interlocked.Exchange(ref _ran_out_warned, 1) == 1) return;
        Callback.warn("Your input ran out of data; interrupting training. Make sure that your dataset or generator can generate at least `steps_per_epoch * epochs` batches. You may need to use the `.repeat()` function when building your dataset.");
    }

    /// <summary>Lets the next "ran out of data" warning show again (tests).</summary>
    internal static void reset_ran_out_warning() => _ran_out_warned = 0;
}
