using KerasPort.Utils;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>Normalization</c>: shifts and scales inputs to mean 0 and variance 1 per position of
/// the kept <c>axis</c>, <c>(x - mean) / max(sqrt(variance), 1e-7)</c> (with <c>invert</c>, the way
/// back: <c>mean + x * max(sqrt(variance), 1e-7)</c>). The mean and variance are given, or learnt
/// from data by <see cref="adapt(Tensor)"/> and then kept as the non-trainable weights
/// <c>mean</c>, <c>variance</c> and <c>count</c> (saved with the model, as Keras).
/// </summary>
/// <example><code>
/// var normalizer = new Normalization(axis: -1);
/// normalizer.adapt(train_features);
/// var model = new Sequential([normalizer, new Dense(1)]);
/// // Python: normalizer = layers.Normalization(axis=-1); normalizer.adapt(train_features)
/// </code></example>
public sealed class Normalization : Layer
{
    private const float epsilon = 1e-7f;
    private readonly Tensor? _input_mean, _input_variance;
    private int[] _keep_axis = [], _reduce_axis = [];
    private long[] _broadcast_shape = [], _mean_and_var_shape = [];
    private Tensor? _mean, _variance;   // given values, at the broadcast shape
    private Parameter? _adapt_mean, _adapt_variance;

    /// <summary>A Normalization over the last axis (Keras's default <c>axis=-1</c>).</summary>
    /// <param name="mean">The mean to use instead of adapting: a number, or a tensor aligned with the kept axes from the right.</param>
    /// <param name="variance">The variance, of the mean's shape; both or neither.</param>
    /// <param name="invert">Whether to undo a normalization (<c>mean + x * std</c>) instead.</param>
    /// <param name="input_shape">Shape of one sample, to build at once.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public Normalization(Tensor? mean = null, Tensor? variance = null, bool invert = false, long[]? input_shape = null, string? name = null)
        : this([-1], mean, variance, invert, input_shape, name)
    {
    }

    /// <param name="axis">The axes that keep their own mean and variance: an int or ints (<c>axis: [1, 2]</c>);
    /// null (Keras's <c>axis=None</c>) for one mean and variance over everything.</param>
    /// <param name="mean">The mean to use instead of adapting: a number, or a tensor aligned with the kept axes from the right.</param>
    /// <param name="variance">The variance, of the mean's shape; both or neither.</param>
    /// <param name="invert">Whether to undo a normalization (<c>mean + x * std</c>) instead.</param>
    /// <param name="input_shape">Shape of one sample, to build at once.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    public Normalization(Axes? axis, Tensor? mean = null, Tensor? variance = null, bool invert = false, long[]? input_shape = null, string? name = null)
        : this(axis?.values ?? [], mean, variance, invert, input_shape, name)
    {
    }

    private Normalization(int[] axis, Tensor? mean, Tensor? variance, bool invert, long[]? input_shape, string? name)
        : base(name, input_shape: input_shape)
    {
        this.axis = axis;
        this.invert = invert;
        if ((mean is null) != (variance is null))
            throw new ArgumentException(
                $"When setting values directly, both `mean` and `variance` must be set. Received: mean={describe(mean)} and variance={describe(variance)}",
                mean is null ? nameof(mean) : nameof(variance));
        if (mean is not null)
        {
            if (!mean.shape.SequenceEqual(variance!.shape))
                throw new ArgumentException(
                    "When setting values directly, `mean` and `variance` must have the same shape. " +
                    $"Received: mean shape {PythonFormat.tuple(mean.shape)} and variance shape {PythonFormat.tuple(variance.shape)}", nameof(variance));
            if (mean.dim() > this.axis.Length)
                throw new ArgumentException(
                    $"The rank of `mean` must be less than or equal to the number of axes ({this.axis.Length}). " +
                    $"Received: mean shape {PythonFormat.tuple(mean.shape)} for axis {axis_text}", nameof(mean));
            // Kept as given (float64 from C# numbers and JSON, float32 from float arrays): the config
            // writes them back as Keras writes the user's values; the computation is in float32.
            _input_mean = as_given(mean);
            _input_variance = as_given(variance);
        }
    }

    private static Tensor as_given(Tensor value) =>
        (value.is_floating_point() ? value.detach().clone() : value.detach().to_type(ScalarType.Float64)).DetachFromDisposeScope();

    /// <summary>The kept axes as given; empty for Keras's <c>axis=None</c>.</summary>
    public int[] axis { get; }

    /// <summary>Whether the layer undoes a normalization.</summary>
    public bool invert { get; }

    /// <summary>The mean in use, at the broadcast shape (1 on the reduced axes); null before building.</summary>
    public Tensor? mean => _adapt_mean?.reshape(_broadcast_shape) ?? _mean;

    /// <summary>The variance in use, at the broadcast shape; null before building.</summary>
    public Tensor? variance => _adapt_variance?.reshape(_broadcast_shape) ?? _variance;

    // Python's repr of an axis tuple: (-1,), (1, 2), ().
    private string axis_text => PythonFormat.tuple(axis.Select(a => (long)a).ToArray());

    private static string describe(Tensor? value) => value is null ? "None" : value.dim() == 0 ? PythonFormat.repr(value.to_type(ScalarType.Float64).item<double>()) : "array of shape " + PythonFormat.tuple(value.shape);

    /// <inheritdoc/>
    public override void build(long?[] input_shape)
    {
        int ndim = input_shape.Length;
        if (axis.Any(a => a < -ndim || a >= ndim))
            throw new ArgumentException($"All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim={ndim}, while axis={axis_text}", nameof(input_shape));
        var keep = axis.Select(a => a < 0 ? a + ndim : a).Order().ToArray();
        foreach (var d in keep)
            if (input_shape[d] is null)
                throw new ArgumentException(
                    $"All `axis` values to be kept must have a known shape. Received axis={axis_text}, inputs.shape={ShapeText.format(input_shape)}, with unknown axis at index {d}",
                    nameof(input_shape));
        _keep_axis = keep;
        _reduce_axis = Enumerable.Range(0, ndim).Where(d => !keep.Contains(d)).ToArray();
        _broadcast_shape = Enumerable.Range(0, ndim).Select(d => keep.Contains(d) ? input_shape[d]!.Value : 1L).ToArray();
        _mean_and_var_shape = keep.Select(d => input_shape[d]!.Value).ToArray();
        if (_input_mean is null)
        {
            _adapt_mean = add_weight("mean", _mean_and_var_shape, new Initializers.Zeros(), trainable: false);
            _adapt_variance = add_weight("variance", _mean_and_var_shape, new Initializers.Ones(), trainable: false);
            add_int_weight("count", []);
        }
        else
        {
            _mean = at_broadcast_shape(_input_mean, ndim);
            _variance = at_broadcast_shape(_input_variance!, ndim);
        }
        base.build(input_shape);
    }

    // A given mean or variance at the broadcast shape: a number everywhere, else its axes aligned
    // with the kept axes from the right (the others repeat it).
    private Tensor at_broadcast_shape(Tensor value, int ndim)
    {
        using var scope = NewDisposeScope();
        var shaped = value.to_type(ScalarType.Float32);
        if (value.dim() > 0)
        {
            var expanded = Enumerable.Repeat(1L, ndim).ToArray();
            for (int i = 1; i <= value.dim(); i++) expanded[_keep_axis[^i]] = value.shape[^i];
            shaped = shaped.reshape(expanded);
        }
        return shaped.broadcast_to(_broadcast_shape).contiguous().MoveToOuterDisposeScope().DetachFromDisposeScope();
    }

    /// <summary>
    /// Learns the mean and variance of <paramref name="data"/> (all its samples at once), building
    /// the layer for its shape if needed. Replaces what an earlier adapt learnt.
    /// </summary>
    public void adapt(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        prepare(data.shape);
        using var scope = NewDisposeScope();
        var (total_mean, total_var) = mean_and_variance(data.to_type(data.dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32));
        store(total_mean, total_var);
    }

    /// <summary>
    /// Learns the mean and variance from batches (the first element of each, for a Dataset of
    /// (x, y) elements), combined batch by batch as Keras does.
    /// </summary>
    public void adapt(IEnumerable<Tensor[]> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        adapt(batches.Select(element => element.Length > 0 ? element[0] : throw new ArgumentException("adapt() received an element with no tensor.", nameof(batches))));
    }

    /// <summary>
    /// Learns the mean and variance from a Dataset's batches (the first tensor of each element). A
    /// Dataset of single feature vectors (rank-1 elements) is batched by 128 first, as Keras does
    /// with a tf.data.Dataset.
    /// </summary>
    public void adapt(Data.Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        bool vectors = false;
        foreach (var first in data)
        {
            vectors = first.Length > 0 && first[0].dim() == 1;
            break;
        }
        adapt((IEnumerable<Tensor[]>)(vectors ? data.batch(128) : data));
    }

    /// <summary>Learns the mean and variance from a sequence of batches, combined batch by batch as Keras does.</summary>
    public void adapt(IEnumerable<Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        using var iterator = batches.GetEnumerator();
        if (!iterator.MoveNext())
            throw new ArgumentException(
                "adapt() received an empty iterable (no batches). Expected at least one batch. Pass a non-empty iterable of arrays or tensors, e.g. layer.adapt([x]) or layer.adapt(list_of_batches).",
                nameof(batches));
        prepare(iterator.Current.shape);
        using var scope = NewDisposeScope();
        var total_mean = zeros(_mean_and_var_shape, ScalarType.Float32);
        var total_var = zeros(_mean_and_var_shape, ScalarType.Float32);
        long total_count = 0;
        do
        {
            var batch = iterator.Current.to_type(ScalarType.Float32);
            if (!fits_kept_axes(batch.shape))
                throw new ArgumentException(
                    $"adapt() yielded a batch with incompatible shape. Expected {ShapeText.format(build_input_shape!)}, got {ShapeText.format(batch.shape)}.", nameof(batches));
            var (batch_mean, batch_var) = mean_and_variance(batch);
            long batch_count = _reduce_axis.Aggregate(1L, (count, d) => count * batch.shape[d]);
            total_count += batch_count;
            // Keras's weights: a Python float ratio, then float32 arithmetic on the tensors.
            double batch_weight = (double)batch_count / total_count;
            double existing_weight = 1.0 - batch_weight;
            var new_total_mean = total_mean * existing_weight + batch_mean * batch_weight;
            total_var = (total_var + (total_mean - new_total_mean).square()) * existing_weight
                        + (batch_var + (batch_mean - new_total_mean).square()) * batch_weight;
            total_mean = new_total_mean;
        }
        while (iterator.MoveNext());
        store(total_mean, total_var);
    }

    // Builds for the data's shape, or checks it against the shape built for.
    private void prepare(long[] data_shape)
    {
        if (!built) build(data_shape.Select(d => (long?)d).ToArray());
        else if (!fits_kept_axes(data_shape))
            throw new ArgumentException(
                $"The layer was built with input_shape={ShapeText.format(build_input_shape!)}, but adapt() is being called with data with an incompatible shape, data.shape={ShapeText.format(data_shape)}",
                "data");
        if (_adapt_mean is null)
            throw new InvalidOperationException($"{name} was given its mean and variance; adapt() has nothing to learn.");
    }

    // Whether data of this shape has the built shape on every kept axis.
    private bool fits_kept_axes(long[] shape) => _keep_axis.All(d => shape.Length > d && shape[d] == build_input_shape![d]);

    // Keras's ops.mean and ops.var (the population variance) over the reduced axes; over none
    // (every axis kept) the mean is the data and the variance 0, as numpy's.
    private (Tensor mean, Tensor variance) mean_and_variance(Tensor x)
    {
        if (_reduce_axis.Length == 0) return (x, zeros_like(x));
        var dims = _reduce_axis.Select(d => (long)d).ToArray();
        return (x.mean(dims), x.var(dims, unbiased: false));
    }

    private void store(Tensor total_mean, Tensor total_var)
    {
        using var _ = no_grad();
        _adapt_mean!.copy_(total_mean.to_type(ScalarType.Float32).reshape(_mean_and_var_shape));
        _adapt_variance!.copy_(total_var.to_type(ScalarType.Float32).reshape(_mean_and_var_shape));
    }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        using var scope = NewDisposeScope();
        var x = inputs.to_type(ScalarType.Float32);
        // Given values are plain tensors made at build, on the CPU: they follow the input's device.
        var m = mean!.to(x.device);
        var std = variance!.to(x.device).sqrt().clamp_min(epsilon);
        var result = invert ? m + x * std : (x - m) / std;
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>Also releases the given mean and variance, as given and at the broadcast shape.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !disposed)
            foreach (var tensor in new[] { _input_mean, _input_variance, _mean, _variance }) tensor?.Dispose();
        base.Dispose(disposing);
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["axis"] = axis.Select(a => (long)a).ToArray();
        config["invert"] = invert;
        config["mean"] = to_list(_input_mean);
        config["variance"] = to_list(_input_variance);
        return config;
    }

    // numpy's tolist(): a number, nested lists, or None.
    private static object? to_list(Tensor? value)
    {
        if (value is null) return null;
        var flat = value.to_type(ScalarType.Float64).data<double>().ToArray();
        if (value.dim() == 0) return flat[0];
        object nest(int dim, ref int at)
        {
            var items = new List<object>();
            for (long i = 0; i < value.shape[dim]; i++)
                items.Add(dim == value.dim() - 1 ? flat[at++] : nest(dim + 1, ref at));
            return items;
        }
        int start = 0;
        return nest(0, ref start);
    }

    /// <summary>
    /// Keras's <c>from_config</c>: the layer back from its config, where <c>mean</c> and
    /// <c>variance</c> are numbers or nested lists and <c>axis</c> a list (empty for None).
    /// </summary>
    public static Normalization from_config(IDictionary<string, object> config)
    {
        int[] axes = config.TryGetValue("axis", out var a) switch
        {
            false => [-1],
            true => a switch
            {
                null => [],
                long single => [checked((int)single)],
                System.Collections.IList list => list.Cast<object>().Select(v => checked((int)Convert.ToInt64(v))).ToArray(),
                _ => throw new ArgumentException($"Normalization's `axis` must be an int, a list of ints or None. Received: {a}", nameof(config)),
            },
        };
        Tensor? array(string key) => config.TryGetValue(key, out var v) && v is not null ? from_list(v, key) : null;
        var layer = new Normalization(axes, array("mean"), array("variance"),
            config.TryGetValue("invert", out var inv) && inv is true, null, config.TryGetValue("name", out var n) ? n as string : null);
        if (config.TryGetValue("trainable", out var t) && t is bool trainable) layer.trainable = trainable;
        return layer;
    }

    private static Tensor from_list(object value, string key)
    {
        var shape = new List<long>();
        for (object level = value; level is System.Collections.IList list; level = list.Count > 0 ? list[0]! : 0L) shape.Add(list.Count);
        var flat = new List<double>();
        void collect(object item)
        {
            if (item is System.Collections.IList list) foreach (var element in list) collect(element!);
            else if (item is long or double) flat.Add(Convert.ToDouble(item));
            else throw new ArgumentException($"Normalization's `{key}` must hold numbers. Received: {item}", key);
        }
        collect(value);
        return tensor(flat.ToArray()).reshape(shape.ToArray());
    }
}
