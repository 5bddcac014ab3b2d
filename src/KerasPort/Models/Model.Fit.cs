using KerasPort.Backend;
using KerasPort.Callbacks;
using KerasPort.Distribution;
using KerasPort.Utils;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Models;

public partial class Model
{
    /// <summary>
    /// Keras's <c>fit</c> on in-memory tensors: trains for <paramref name="epochs"/> epochs in batches
    /// of <paramref name="batch_size"/> (32 when null; the last batch may be smaller) and returns the
    /// <see cref="History"/>. <paramref name="validation_split"/> takes the last rows, before any
    /// shuffling; <paramref name="validation_data"/> is <c>(x, y)</c>, <c>(x, y, sample_weight)</c>
    /// (each x or y a tensor or an array of tensors), a <see cref="Batch"/> or a <see cref="Sequence"/>.
    /// The loss in the logs includes every regularization penalty, as Keras reports it. A model
    /// not yet built is built for the first batch's shape before the optimizer sees its weights.
    /// </summary>
    public History fit(Tensor x, Tensor? y = null, int? batch_size = null, int epochs = 1, Verbosity verbose = default,
        IEnumerable<Callback>? callbacks = null, double validation_split = 0.0, object? validation_data = null,
        bool shuffle = true, IDictionary<int, double>? class_weight = null, Tensor? sample_weight = null,
        int initial_epoch = 0, int? steps_per_epoch = null, int? validation_steps = null, int validation_freq = 1) =>
        fit_arrays(one(x, nameof(x)), y is null ? null : [y], batch_size, epochs, verbose, callbacks, validation_split, validation_data,
            shuffle, class_weight, sample_weight, initial_epoch, steps_per_epoch, validation_steps, validation_freq);

    /// <summary>Keras's <c>fit</c> for a model with several inputs: <paramref name="x"/> holds one array per input, in the order of <c>model.inputs</c>.</summary>
    public History fit(Tensor[] x, Tensor? y = null, int? batch_size = null, int epochs = 1, Verbosity verbose = default,
        IEnumerable<Callback>? callbacks = null, double validation_split = 0.0, object? validation_data = null,
        bool shuffle = true, IDictionary<int, double>? class_weight = null, Tensor? sample_weight = null,
        int initial_epoch = 0, int? steps_per_epoch = null, int? validation_steps = null, int validation_freq = 1) =>
        fit_arrays(x, y is null ? null : [y], batch_size, epochs, verbose, callbacks, validation_split, validation_data,
            shuffle, class_weight, sample_weight, initial_epoch, steps_per_epoch, validation_steps, validation_freq);

    /// <summary>Keras's <c>fit</c> for a model with several outputs: <paramref name="y"/> holds one array of targets per output, in the order of <c>model.outputs</c>.</summary>
    public History fit(Tensor x, Tensor[] y, int? batch_size = null, int epochs = 1, Verbosity verbose = default,
        IEnumerable<Callback>? callbacks = null, double validation_split = 0.0, object? validation_data = null,
        bool shuffle = true, IDictionary<int, double>? class_weight = null, Tensor? sample_weight = null,
        int initial_epoch = 0, int? steps_per_epoch = null, int? validation_steps = null, int validation_freq = 1) =>
        fit_arrays(one(x, nameof(x)), y, batch_size, epochs, verbose, callbacks, validation_split, validation_data,
            shuffle, class_weight, sample_weight, initial_epoch, steps_per_epoch, validation_steps, validation_freq);

    /// <summary>Keras's <c>fit</c> for a model with several inputs and several outputs.</summary>
    public History fit(Tensor[] x, Tensor[] y, int? batch_size = null, int epochs = 1, Verbosity verbose = default,
        IEnumerable<Callback>? callbacks = null, double validation_split = 0.0, object? validation_data = null,
        bool shuffle = true, IDictionary<int, double>? class_weight = null, Tensor? sample_weight = null,
        int initial_epoch = 0, int? steps_per_epoch = null, int? validation_steps = null, int validation_freq = 1) =>
        fit_arrays(x, y, batch_size, epochs, verbose, callbacks, validation_split, validation_data,
            shuffle, class_weight, sample_weight, initial_epoch, steps_per_epoch, validation_steps, validation_freq);

    private static Tensor[] one(Tensor x, string argument) => [x ?? throw new ArgumentNullException(argument)];

    private History fit_arrays(Tensor[] x, Tensor[]? y, int? batch_size, int epochs, Verbosity verbose,
        IEnumerable<Callback>? callbacks, double validation_split, object? validation_data,
        bool shuffle, IDictionary<int, double>? class_weight, Tensor? sample_weight,
        int initial_epoch, int? steps_per_epoch, int? validation_steps, int validation_freq)
    {
        ArgumentNullException.ThrowIfNull(x);
        require_compiled();
        int batch = check_batch_size(batch_size);
        check_fit_arguments(epochs, initial_epoch, steps_per_epoch, validation_freq);
        if (!(validation_split >= 0 && validation_split < 1))
            throw new ArgumentException($"Invalid value received for argument validation_split. Expected a float value in [0, 1). Received: validation_split={PythonFormat.str(validation_split)}", nameof(validation_split));
        if (class_weight is not null && sample_weight is not null)
            throw new ArgumentException("You cannot use `class_weight` and `sample_weight` at the same time.", nameof(class_weight));

        var (tx, ty, tw) = prepare_arrays(x, y, sample_weight);
        DataAdapter? validation = null;
        if (validation_data is not null)
            validation = validation_adapter(validation_data, batch);
        else if (validation_split > 0)
        {
            long n = tx[0].shape[0];
            long split_at = (long)Math.Floor(n * (1.0 - validation_split));
            if (split_at == 0 || split_at == n)
                throw new ArgumentException($"Training data contains {n} samples, which is not sufficient to split it into a validation and training set as specified by `validation_split={PythonFormat.str(validation_split)}`. Either provide more data, or a different value for the `validation_split` argument.", nameof(validation_split));
            Tensor[] tail(Tensor[] arrays) => arrays.Select(a => a.narrow(0, split_at, n - split_at)).ToArray();
            Tensor[] head(Tensor[] arrays) => arrays.Select(a => a.narrow(0, 0, split_at)).ToArray();
            validation = new TensorDataAdapter(tail(tx), ty is null ? null : tail(ty), tw?.narrow(0, split_at, n - split_at), batch, shuffle: false);
            (tx, ty, tw) = (head(tx), ty is null ? null : head(ty), tw?.narrow(0, 0, split_at));
        }
        using var train = new TensorDataAdapter(tx, ty, tw, batch, shuffle);
        using (validation)
            return run_fit(train, epochs, verbose, callbacks, validation, batch, class_weight, initial_epoch, steps_per_epoch, validation_steps, validation_freq);
    }

    /// <summary>
    /// Keras's <c>fit</c> on a <see cref="Sequence"/> (for example <c>ImageDataGenerator.flow</c>):
    /// each batch gives x, y and optionally sample weights; <c>on_epoch_end</c> runs after every epoch.
    /// With <paramref name="shuffle"/> (Keras's default), each epoch takes the batches in an order
    /// shuffled by Python's <c>random.shuffle</c>, as Keras's PyDataset adapter does.
    /// </summary>
    public History fit(Sequence x, int epochs = 1, Verbosity verbose = default, IEnumerable<Callback>? callbacks = null,
        object? validation_data = null, IDictionary<int, double>? class_weight = null, int initial_epoch = 0,
        int? steps_per_epoch = null, int? validation_steps = null, int validation_freq = 1, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(x);
        require_compiled();
        check_fit_arguments(epochs, initial_epoch, steps_per_epoch, validation_freq);
        using var validation = validation_data is null ? null : validation_adapter(validation_data, 32);
        return run_fit(new SequenceDataAdapter(x, shuffle), epochs, verbose, callbacks, validation, 32, class_weight, initial_epoch, steps_per_epoch, validation_steps, validation_freq);
    }

    private static void check_fit_arguments(int epochs, int initial_epoch, int? steps_per_epoch, int validation_freq)
    {
        if (epochs < 0)
            throw new ArgumentException($"Invalid value received for argument epochs. Expected a non-negative integer. Received: epochs={epochs}", nameof(epochs));
        if (initial_epoch < 0)
            throw new ArgumentException($"Invalid value received for argument initial_epoch. Expected a non-negative integer. Received: initial_epoch={initial_epoch}", nameof(initial_epoch));
        if (steps_per_epoch is <= 0)
            throw new ArgumentException($"Invalid value received for argument steps_per_epoch. Expected a positive integer or null. Received: steps_per_epoch={steps_per_epoch}", nameof(steps_per_epoch));
        if (validation_freq <= 0)
            throw new ArgumentException($"Invalid value received for argument validation_freq. Expected a positive integer. Received: validation_freq={validation_freq}", nameof(validation_freq));
    }

    private static int check_batch_size(int? batch_size)
    {
        if (batch_size is <= 0)
            throw new ArgumentException($"Invalid value received for argument batch_size. Expected a positive integer. Received: batch_size={batch_size}", nameof(batch_size));
        return batch_size ?? 32;
    }

    /// <summary>
    /// Checks the arrays against the model (one per input, one per output), checks that x, y and
    /// the sample weights have one row per sample, and puts floats in float32, as Keras does.
    /// </summary>
    private (Tensor[] x, Tensor[]? y, Tensor? sample_weight) prepare_arrays(Tensor[] x, Tensor[]? y, Tensor? sample_weight)
    {
        if (x.Length == 0 || x.Any(a => a is null)) throw new ArgumentException("Invalid value received for argument x. Expected one array per model input. Received an empty list or a null entry.", nameof(x));
        if (is_functional && x.Length != inputs.Count)
            throw new ArgumentException($"The model expects {inputs.Count} input array(s) ({string.Join(", ", input_names)}), but it received {x.Length}.", nameof(x));
        if (y is not null && y.Any(a => a is null)) throw new ArgumentException("Invalid value received for argument y. Received a null entry.", nameof(y));
        if (y is not null && is_functional && y.Length != output_count)
            throw new ArgumentException($"The model has {output_count} output(s) ({string.Join(", ", output_names)}), but it received {y.Length} target array(s).", nameof(y));
        if (x.Any(a => a.dim() == 0)) throw new ArgumentException("Invalid value received for argument x. Expected an array with a batch axis. Received a scalar.", nameof(x));
        if (x.Length == 1 && y is null && sample_weight is null) return ([as_floatx(x[0])], null, null);
        var sizes = new List<(string name, long size)>();
        for (int i = 0; i < x.Length; i++) sizes.Add((x.Length == 1 ? "x" : $"x[{i}]", x[i].size(0)));
        if (y is not null)
            for (int i = 0; i < y.Length; i++) sizes.Add((y.Length == 1 ? "y" : $"y[{i}]", y[i].dim() == 0 ? -1 : y[i].size(0)));
        if (sample_weight is not null) sizes.Add(("sample_weight", sample_weight.dim() == 0 ? -1 : sample_weight.size(0)));
        if (sizes.Select(s => s.size).Distinct().Count() > 1)
            throw new ArgumentException("Data cardinality is ambiguous. Make sure all arrays contain the same number of samples. " + string.Join(" ", sizes.Select(s => $"'{s.name}' sizes: {s.size}")), nameof(x));
        return (x.Select(as_floatx).ToArray(), y?.Select(as_floatx).ToArray(), sample_weight is null ? null : as_floatx(sample_weight));
    }

    private static Tensor as_floatx(Tensor t) => t.is_floating_point() && t.dtype != ScalarType.Float32 ? t.to_type(ScalarType.Float32) : t;

    private DataAdapter validation_adapter(object validation_data, int batch_size)
    {
        if (iterable_validation_adapter(validation_data) is { } iterable) return iterable;
        (Tensor[] x, Tensor[]? y, Tensor? w) arrays = validation_data switch
        {
            ValueTuple<Tensor, Tensor> t => ([t.Item1], [t.Item2], null),
            ValueTuple<Tensor, Tensor, Tensor> t => ([t.Item1], [t.Item2], t.Item3),
            ValueTuple<Tensor[], Tensor> t => (t.Item1, [t.Item2], null),
            ValueTuple<Tensor, Tensor[]> t => ([t.Item1], t.Item2, null),
            ValueTuple<Tensor[], Tensor[]> t => (t.Item1, t.Item2, null),
            Batch b => ([b.x], b.y is null ? null : [b.y], b.sample_weight),
            Sequence => default,
            _ => throw new ArgumentException($"Invalid value received for argument validation_data. Expected (x, y), (x, y, sample_weight) (x or y may be arrays of tensors), a Batch, a Sequence or a Dataset. Received: {validation_data.GetType().Name}", nameof(validation_data)),
        };
        if (validation_data is Sequence s) return new SequenceDataAdapter(s);
        var (vx, vy, vw) = prepare_arrays(arrays.x, arrays.y, arrays.w);
        return new TensorDataAdapter(vx, vy, vw, batch_size, shuffle: false);
    }

    // Under DataParallel, an exception on one rank ends the job on every rank rather than leave the others waiting.
    private History run_fit(DataAdapter train, int epochs, Verbosity verbose, IEnumerable<Callback>? callbacks, DataAdapter? validation,
        int batch_size, IDictionary<int, double>? class_weight, int initial_epoch, int? steps_per_epoch, int? validation_steps, int validation_freq) =>
        Replicas.guard(() => fit_loop(train, epochs, verbose, callbacks, validation, batch_size, class_weight, initial_epoch, steps_per_epoch, validation_steps, validation_freq));

    private History fit_loop(DataAdapter train, int epochs, Verbosity verbose, IEnumerable<Callback>? callbacks, DataAdapter? validation,
        int batch_size, IDictionary<int, double>? class_weight, int initial_epoch, int? steps_per_epoch, int? validation_steps, int validation_freq)
    {
        int steps = steps_per_epoch ?? train.num_batches;
        int seen = 0;
        // As Keras's CallbackList: a History the user passes is the one fit fills and returns.
        history = callbacks?.OfType<History>().FirstOrDefault() ?? new History();
        var list = make_callbacks(callbacks, history, verbose, epochs, steps_per_epoch ?? known_steps(train, null));
        stop_training = false;
        // Keras builds the model for the first batch, then the optimizer's slots for every
        // trainable variable, before the first step.
        build_for_data(train);
        var trainable = trainable_weights;
        var trainable_tensors = trainable.Cast<Tensor>().ToList();
        if (trainable.Count > 0) optimizer!.build(trainable);
        Replicas.begin_fit(this, train.num_batches, (train as TensorDataAdapter)?.num_samples, train is TensorDataAdapter ? batch_size : null, epochs, steps_per_epoch);
        // As Keras's CallbackList, batch hooks (and their logs) run only if some callback overrides one
        // (under DataParallel, on any rank: reading the logs is a collective).
        bool batch_hooks = Replicas.any(list.callbacks.Any(c => overrides(c, nameof(Callback.on_train_batch_begin)) || overrides(c, nameof(Callback.on_train_batch_end))));
        train.steps_per_epoch = steps_per_epoch;
        start_data(train);
        list.on_train_begin();
        // Keras: a restored run (BackupAndRestore) starts at the epoch the callback set.
        initial_epoch = _initial_epoch ?? initial_epoch;
        Dictionary<string, double>? training_logs = null;
        using var threads = new IntraOpThreads();
        for (int epoch = initial_epoch; epoch < epochs; epoch++)
        {
            reset_metrics();
            list.on_epoch_begin(epoch);
            // Keras's EpochIterator: with steps_per_epoch, one pass over the data spans epochs and a
            // new pass (a new shuffle) starts only when the data runs out.
            if (seen == 0) train.begin_epoch();
            for (int step = 0; step < steps; step++)
            {
                if (seen >= train.num_batches)
                {
                    data_ran_out(train, steps_per_epoch);
                    break;
                }
                if (batch_hooks) list.on_train_batch_begin(step);
                train_step(train, seen++, class_weight, trainable, trainable_tensors, threads);
                if (batch_hooks) list.on_train_batch_end(step, metrics_result());
                if (stop_training) break;
            }
            if (steps_per_epoch is null || seen >= train.num_batches) seen = 0;
            train.on_epoch_end();
            Replicas.average_non_trainable(this);
            var epoch_logs = metrics_result();
            if (validation is not null && (epoch + 1) % validation_freq == 0)
            {
                var val_logs = run_evaluate(validation, validation_steps, list);
                foreach (var (key, value) in val_logs) epoch_logs["val_" + key] = value;
            }
            list.on_epoch_end(epoch, epoch_logs);
            training_logs = epoch_logs;
            if (stop_training) break;
        }
        list.on_train_end(training_logs);
        return history;
    }

    /// <summary>
    /// One training step, as Keras's torch <c>train_step</c>: predictions and loss (penalties at the
    /// current weights) before the update, then the gradients, the optimizer step and the weight
    /// constraints. Everything the step makes is freed with its dispose scope.
    /// </summary>
    private void train_step(DataAdapter data, int step, IDictionary<int, double>? class_weight, IReadOnlyList<Parameter> trainable, List<Tensor> trainable_tensors,
        IntraOpThreads threads)
    {
        using var scope = NewDisposeScope();
        var (x, y, sample_weight) = on_model_device(as_floatx(Replicas.share(data.get(step))));
        if (x[0].shape[0] == 0)
        {
            // Under DataParallel, a last batch smaller than the ranks leaves this one no rows: it adds nothing to the sum.
            if (trainable.Count > 0) apply_gradients(Replicas.sum_gradients([], 0, trainable, tracked_metrics()), trainable);
            return;
        }
        choose_threads(threads, x[0].size(0));
        if (class_weight is not null)
        {
            // Keras's make_class_weight_map_fn refuses both, where a dataset or generator brings its own weights.
            if (sample_weight is not null)
                throw new ArgumentException("You cannot `class_weight` and `sample_weight` at the same time.", nameof(class_weight));
            if (y is { Length: > 1 })
                throw new ArgumentException("`class_weight` is only supported for Models with a single output.", nameof(class_weight));
            sample_weight = class_weights_to_sample_weights(class_weight, y?[0]);
        }
        var y_pred = forward(x, training: true);
        var loss = compute_loss(y, y_pred, sample_weight);
        track_loss(loss, x[0].size(0));
        using (no_grad()) update_metrics(y, y_pred.Select(p => p.detach()).ToArray(), sample_weight);
        if (trainable.Count > 0 && loss.requires_grad)
        {
            var grads = torch.autograd.grad([loss], trainable_tensors, allow_unused: true);
            apply_gradients(Replicas.sum_gradients(grads.ToArray<Tensor?>(), x[0].shape[0], trainable, tracked_metrics()), trainable);
        }
        detach_losses();
    }

    /// <summary>The optimizer step on the weights that have a gradient, then the weight constraints.</summary>
    private void apply_gradients(IList<Tensor?> grads, IReadOnlyList<Parameter> trainable)
    {
        var pairs = new List<(Tensor, Parameter)>(trainable.Count);
        for (int i = 0; i < trainable.Count; i++)
            if (grads[i] is { IsInvalid: false } g) pairs.Add((g, trainable[i]));
        using (no_grad()) optimizer!.apply_gradients(pairs);
        apply_constraints();
    }

    /// <summary>
    /// The model's call on one step's inputs, through <c>__call__</c> (training resolved for every
    /// layer, activity penalties recorded), giving one tensor per output.
    /// </summary>
    private Tensor[] forward(Tensor[] x, bool training) => run_call(x, training, takes_list: x.Length > 1 || output_count > 1);

    /// <summary>
    /// Builds a model that is not built yet for the data's first batch (Keras's <c>_symbolic_build</c>):
    /// every weight exists before the optimizer is built on them.
    /// </summary>
    private void build_for_data(DataAdapter data)
    {
        if (built && flatten_layers(include_self: false).All(l => l.built)) return;
        if (data.num_batches == 0) return;
        using var scope = NewDisposeScope();
        // Before the epoch's shuffle: batch 0 in the data's own order (a Sequence gives its first batch).
        var first = data.get(0);
        var shapes = first.x.Select(t => t.shape.Select(d => (long?)d).ToArray()).ToList();
        if (shapes.Count == 1) build_or_rollback(() => build(shapes[0]));
        else build_or_rollback(() => build(shapes));
    }

    /// <summary>A step's arrays with floats in float32: the same step when they are already (no allocation per batch).</summary>
    private static StepData as_floatx(StepData data)
    {
        var x = as_floatx(data.x);
        var y = data.y is null ? null : as_floatx(data.y);
        var sample_weight = data.sample_weight is null ? null : as_floatx(data.sample_weight);
        return ReferenceEquals(x, data.x) && ReferenceEquals(y, data.y) && ReferenceEquals(sample_weight, data.sample_weight)
            ? data
            : new(x, y, sample_weight);
    }

    /// <summary>Arrays with floats in float32: the same array when none changes.</summary>
    private static Tensor[] as_floatx(Tensor[] arrays)
    {
        Tensor[]? converted = null;
        for (int i = 0; i < arrays.Length; i++)
        {
            var array = as_floatx(arrays[i]);
            if (ReferenceEquals(array, arrays[i])) continue;
            converted ??= (Tensor[])arrays.Clone();
            converted[i] = array;
        }
        return converted ?? arrays;
    }

    /// <summary>
    /// A step's arrays on the device of the model's weights (made under <c>keras.device</c>), so
    /// that targets and sample weights meet the predictions there; the same arrays while every
    /// weight of the process is on the CPU.
    /// </summary>
    private StepData on_model_device(StepData data)
    {
        if (!Devices.weights_off_cpu) return data;
        if (flatten_layers(include_self: true).Select(l => l.weights_device).FirstOrDefault(d => d is not null) is not torch.Device device)
            return data;
        Tensor place(Tensor t) => t.device_type == device.type && t.device_index == device.index ? t : t.to(device);
        return new(data.x.Select(place).ToArray(), data.y?.Select(place).ToArray(), data.sample_weight is null ? null : place(data.sample_weight));
    }

    private void apply_constraints()
    {
        using var _ = no_grad();
        foreach (var w in variables)
            if (w.constraint is not null && w.variable.requires_grad) w.variable.copy_(w.constraint(w.variable));
    }

    /// <summary>Keras's class weights: each sample weighs the weight of its class (argmax of one-hot, rounded label otherwise).</summary>
    private static Tensor class_weights_to_sample_weights(IDictionary<int, double> class_weight, Tensor? y)
    {
        if (y is null) throw new ArgumentException("class_weight needs targets: y is null.", nameof(class_weight));
        var classes = y.dim() > 1 && y.shape[^1] != 1 ? y.argmax(-1) : (y.dim() == 2 ? y.squeeze(-1) : y).to_type(ScalarType.Float32).round().to_type(ScalarType.Int64);
        int size = Math.Max(class_weight.Keys.Max() + 1, 1);
        var table = new float[size];
        foreach (var (k, v) in class_weight)
        {
            if (k < 0) throw new ArgumentException($"Invalid value received for argument class_weight. Expected non-negative class indices. Received: {k}", nameof(class_weight));
            table[k] = (float)v;
        }
        using var lookup = tensor(table);
        long max = classes.numel() > 0 ? classes.max().item<long>() : 0;
        if (max >= size)
            throw new ArgumentException($"Invalid value received for argument class_weight. Class {max} appears in the labels but has no weight.", nameof(class_weight));
        return lookup.index_select(0, classes.flatten()).reshape(classes.shape);
    }

    private CallbackList make_callbacks(IEnumerable<Callback>? callbacks, History? history, Verbosity verbose, int epochs, int? steps)
    {
        var list = new CallbackList(Replicas.for_this_rank(callbacks));
        // Keras adds its default History and ProgbarLogger only where the user passed none.
        if (history is not null && !list.callbacks.Contains(history)) list.append(history);
        var progress = list.callbacks.Any(c => c is ProgbarLogger) || Replicas.quiet ? null : progress_logger(verbose);
        if (progress is not null) list.append(progress);
        list.set_model(this);
        list.set_params(new Dictionary<string, object?> { ["verbose"] = verbose.level, ["epochs"] = epochs, ["steps"] = steps });
        return list;
    }

    /// <summary>Whether <paramref name="callback"/> overrides the batch hook <paramref name="hook"/> of <see cref="Callback"/>.</summary>
    private static bool overrides(Callback callback, string hook) =>
        callback.GetType().GetMethod(hook, [typeof(int), typeof(IDictionary<string, double>)])!.DeclaringType != typeof(Callback);

    private static Callback? progress_logger(Verbosity verbose) => verbose.level != 0 ? new ProgbarLogger() : null;
}
