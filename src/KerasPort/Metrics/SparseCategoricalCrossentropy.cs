namespace KerasPort.Metrics;

    /// <summary>Keras's <c>SparseCategoricalCrossentropy</c> metric: the sample mean of the crossentropy loss on integer labels.</summary>
    /// <param name="name">The metric's name. Default <c>"sparse_categorical_crossentropy"</c>.</param>
    /// <param name="from_logits">True when the predictions are logits. Default false.</param>
    /// <param name="axis">The class axis. Default -1.</param>
public sealed class SparseCategoricalCrossentropy(string name = "sparse_categorical_crossentropy", bool from_logits = false, long axis = -1)
    : MeanMetricWrapper((y, p) => keras.losses.sparse_categorical_crossentropy(y, p, from_logits, axis), name)
{
    /// <summary>Whether the predictions are logits.</summary>
    public bool from_logits { get; } = from_logits;
    /// <summary>The class axis.</summary>
    public long axis { get; } = axis;

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["from_logits"] = from_logits;
        config["axis"] = axis;
        return config;
    }
}
