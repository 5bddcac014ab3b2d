using KerasPort.Backend;
using TorchSharp;

namespace KerasPort.Metrics;

/// <summary>
/// Keras's <c>MeanIoU</c>: the mean over classes of <c>TP / (TP + FP + FN)</c> from a confusion
/// matrix accumulated over batches (int32 counts, Keras's <c>"int"</c> dtype on torch; sample weights are
/// truncated to integers, as Keras casts them). Labels and predictions are class ids unless
/// <see cref="sparse_y_true"/> / <see cref="sparse_y_pred"/> are false (then the argmax along
/// <see cref="axis"/>); ids outside [0, num_classes) and <see cref="ignore_class"/> are left out.
/// Classes that never occur do not count in the mean.
/// </summary>
public sealed class MeanIoU : Metric
{
    private readonly torch.Tensor _total_cm;

    /// <param name="num_classes">The number of classes, &gt; 0.</param>
    /// <param name="name">Default: Keras's automatic <c>mean_io_u</c>, <c>mean_io_u_1</c>, ...</param>
    /// <param name="ignore_class">A class id left out of the matrix; null (default) for none.</param>
    /// <param name="sparse_y_true">Labels are class ids (true, the default) or scores.</param>
    /// <param name="sparse_y_pred">Predictions are class ids (true, the default) or scores.</param>
    /// <param name="axis">The class axis of scores. Default -1.</param>
    public MeanIoU(long num_classes, string? name = null, long? ignore_class = null, bool sparse_y_true = true,
                   bool sparse_y_pred = true, long axis = -1)
        : base(name ?? GlobalState.auto_name(nameof(MeanIoU)))
    {
        if (num_classes <= 0)
            throw new ArgumentException($"Argument `num_classes` must be > 0. Received: num_classes={num_classes}", nameof(num_classes));
        this.num_classes = num_classes;
        this.ignore_class = ignore_class;
        this.sparse_y_true = sparse_y_true;
        this.sparse_y_pred = sparse_y_pred;
        this.axis = axis;
        _total_cm = torch.zeros([num_classes, num_classes], torch.ScalarType.Int32).DetachFromDisposeScope();
    }

    /// <summary>The number of classes.</summary>
    public long num_classes { get; }
    /// <summary>The class id left out of the matrix; null for none.</summary>
    public long? ignore_class { get; }
    /// <summary>Whether labels are class ids (else scores, reduced with argmax).</summary>
    public bool sparse_y_true { get; }
    /// <summary>Whether predictions are class ids (else scores, reduced with argmax).</summary>
    public bool sparse_y_pred { get; }
    /// <summary>The class axis of scores.</summary>
    public long axis { get; }

    /// <summary>The accumulated confusion matrix: rows are labels, columns predictions.</summary>
    public torch.Tensor total_cm => _total_cm;

    /// <inheritdoc/>
    public override void update_state(torch.Tensor y_true, torch.Tensor y_pred, torch.Tensor? sample_weight = null)
    {
        using var scope = torch.NewDisposeScope();
        var t = (sparse_y_true ? y_true : y_true.argmax(axis)).to_type(torch.ScalarType.Int64).reshape(-1);
        var p = (sparse_y_pred ? y_pred : y_pred.argmax(axis)).to_type(torch.ScalarType.Int64).reshape(-1);
        var w = sample_weight is null
            ? torch.ones_like(t)
            : sample_weight.to_type(torch.ScalarType.Int64).reshape(-1).broadcast_to(t.shape);
        var in_bounds = (t >= 0).logical_and_(t < num_classes).logical_and_(p >= 0).logical_and_(p < num_classes);
        if (ignore_class is long ignored) in_bounds.logical_and_(t != ignored);
        var zero = torch.zeros_like(t);
        t = torch.where(in_bounds, t, zero);
        p = torch.where(in_bounds, p, zero);
        w = torch.where(in_bounds, w, zero);
        var cells = torch.bincount(t * num_classes + p, w, num_classes * num_classes);
        _total_cm.add_(cells.to_type(torch.ScalarType.Int32).reshape(num_classes, num_classes));
    }

    /// <inheritdoc/>
    public override double result()
    {
        using var scope = torch.NewDisposeScope();
        var sum_over_row = _total_cm.sum([0]).to_type(torch.ScalarType.Float32);
        var sum_over_col = _total_cm.sum([1]).to_type(torch.ScalarType.Float32);
        var true_positives = _total_cm.diagonal().to_type(torch.ScalarType.Float32);
        var denominator = sum_over_row + sum_over_col - true_positives;
        var valid_entries = (denominator > 1e-9).to_type(torch.ScalarType.Float32);
        var iou = torch.where(valid_entries.to_type(torch.ScalarType.Bool), true_positives / (denominator + 1e-7f), torch.zeros_like(denominator));
        return (iou.sum([axis]) / (valid_entries.sum() + 1e-7f)).item<float>();
    }

    /// <inheritdoc/>
    public override void reset_state() => _total_cm.zero_();

    internal override float[] state_sums
    {
        get => read_sums(_total_cm);
        set => write_sums(value, _total_cm);
    }

    /// <summary>The metric that <paramref name="config"/> (as <see cref="get_config"/> writes it) describes; its int dtype is Keras's own.</summary>
    public static MeanIoU from_config(IDictionary<string, object?> config)
    {
        static object? get(IDictionary<string, object?> c, string key) => c.TryGetValue(key, out var v) ? v : null;
        return new MeanIoU(Convert.ToInt64(get(config, "num_classes") ?? throw new ArgumentException("A MeanIoU config needs `num_classes`.", nameof(config))),
                           get(config, "name") as string,
                           get(config, "ignore_class") is { } ignore ? Convert.ToInt64(ignore) : null,
                           get(config, "sparse_y_true") as bool? ?? true,
                           get(config, "sparse_y_pred") as bool? ?? true,
                           get(config, "axis") is { } axis ? Convert.ToInt64(axis) : -1);
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => new Dictionary<string, object>
    {
        ["num_classes"] = num_classes,
        ["name"] = name,
        ["dtype"] = "int32",
        ["ignore_class"] = ignore_class!,
        ["sparse_y_true"] = sparse_y_true,
        ["sparse_y_pred"] = sparse_y_pred,
        ["axis"] = axis,
    };
}
