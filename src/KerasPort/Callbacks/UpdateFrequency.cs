namespace KerasPort.Callbacks;

/// <summary>
/// TensorBoard's <c>update_freq</c>: <c>"epoch"</c> (the default), <c>"batch"</c> (every batch) or a
/// number of batches. Strings and ints convert implicitly, so <c>update_freq: 100</c> and
/// <c>update_freq: "batch"</c> read as in Keras.
/// </summary>
public readonly struct UpdateFrequency : IEquatable<UpdateFrequency>
{
    private readonly int _batches;

    private UpdateFrequency(int batches) => _batches = batches;

    /// <summary>True for <c>"epoch"</c>: scalars once per epoch only.</summary>
    public bool is_epoch => _batches == 0;

    /// <summary>Write batch scalars every this many batches; 0 for <c>"epoch"</c>.</summary>
    public int batches => _batches;

    /// <summary>A number of batches between batch scalars, as Keras's integer <c>update_freq</c>.</summary>
    /// <param name="batches">Batches between writes; must be &gt;= 1.</param>
    /// <exception cref="ArgumentException"><paramref name="batches"/> is below 1.</exception>
    public static implicit operator UpdateFrequency(int batches) => batches >= 1
        ? new UpdateFrequency(batches)
        : throw new ArgumentException($"Invalid value received for argument update_freq. Expected \"epoch\", \"batch\" or an integer >= 1. Received: update_freq={batches}", "update_freq");

    /// <summary><c>"epoch"</c> or <c>"batch"</c> (every batch), as Keras's string <c>update_freq</c>.</summary>
    /// <param name="value"><c>"epoch"</c> or <c>"batch"</c>.</param>
    /// <exception cref="ArgumentException">Any other string.</exception>
    public static implicit operator UpdateFrequency(string value) => value switch
    {
        "epoch" => default,
        "batch" => new UpdateFrequency(1),
        _ => throw new ArgumentException($"Invalid value received for argument update_freq. Expected \"epoch\", \"batch\" or an integer >= 1. Received: update_freq={value}", "update_freq"),
    };

    /// <summary>Whether both frequencies write at the same rate.</summary>
    /// <param name="other">The frequency to compare with.</param>
    /// <returns>True when both are <c>"epoch"</c> or the same number of batches.</returns>
    public bool Equals(UpdateFrequency other) => _batches == other._batches;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is UpdateFrequency u && Equals(u);

    /// <inheritdoc/>
    public override int GetHashCode() => _batches;

    /// <inheritdoc/>
    public override string ToString() => is_epoch ? "epoch" : _batches.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
