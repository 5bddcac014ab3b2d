namespace KerasPort.Metrics;

/// <summary>Keras's <c>F1Score</c>: <see cref="FBetaScore"/> with <c>beta = 1</c>.</summary>
public sealed class F1Score : FBetaScore
{
    /// <param name="average">null (per class, the default), <c>"micro"</c>, <c>"macro"</c> or <c>"weighted"</c>.</param>
    /// <param name="threshold">Predictions above it are positive, in (0, 1]; null (default): each row's maximum.</param>
    /// <param name="name">Default <c>"f1_score"</c>.</param>
    public F1Score(string? average = null, double? threshold = null, string name = "f1_score")
        : base(average, 1.0, threshold, name)
    {
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config.Remove("beta");
        return config;
    }
}
