namespace KerasPort.Losses;

/// <summary>
/// Keras's <c>loss_weights</c> argument of <c>compile</c>: the factors of each output's loss in the
/// total. A number (every output), an array in output order (one per output, or one per output that
/// has a loss), or a dictionary keyed by output name (an output left out keeps weight 1). Each form
/// converts implicitly, so <c>loss_weights: new[] { 1.0, 0.5 }</c> reads as in Python.
/// </summary>
public readonly struct LossWeights
{
    private readonly double _scalar;
    private readonly double[]? _per_output;
    private readonly IReadOnlyDictionary<string, double>? _by_output;

    private LossWeights(double scalar, double[]? per_output, IReadOnlyDictionary<string, double>? by_output)
    {
        _scalar = scalar;
        _per_output = per_output;
        _by_output = by_output;
    }

    /// <summary>One weight for every output's loss.</summary>
    public static implicit operator LossWeights(double weight) => new(weight, null, null);

    /// <summary>The weights in output order.</summary>
    public static implicit operator LossWeights(double[] per_output) =>
        new(0, (double[])(per_output ?? throw new ArgumentNullException(nameof(per_output))).Clone(), null);

    /// <summary>The weights by output name.</summary>
    public static implicit operator LossWeights(Dictionary<string, double> by_output) =>
        new(0, null, new Dictionary<string, double>(by_output ?? throw new ArgumentNullException(nameof(by_output)), by_output.Comparer));

    /// <summary>The weights in output order, when given as a list; null otherwise.</summary>
    internal IReadOnlyList<double>? per_output => _per_output;

    /// <summary>The weights by output name, when given as a dictionary; null otherwise.</summary>
    internal IReadOnlyDictionary<string, double>? by_output => _by_output;

    /// <summary>The single weight, when given as a number; null otherwise.</summary>
    internal double? scalar => _per_output is null && _by_output is null ? _scalar : null;

    /// <summary>The argument as given (a number, a list or a dictionary), which <c>get_compile_config</c> serializes.</summary>
    internal object value => (object?)_per_output?.ToList() ?? (object?)_by_output?.ToDictionary(kv => kv.Key, kv => (object?)kv.Value) ?? _scalar;

    /// <summary>The weights as Python would print them: a number, a list or a dict.</summary>
    public override string ToString() => value switch
    {
        List<double> list => "[" + string.Join(", ", list.Select(format)) + "]",
        Dictionary<string, object?> dict => "{" + string.Join(", ", _by_output!.Select(kv => $"'{kv.Key}': {format(kv.Value)}")) + "}",
        _ => format(_scalar),
    };

    private static string format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
