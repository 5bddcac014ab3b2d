namespace KerasPort.Metrics;

/// <summary>Keras's <c>SparseCategoricalCrossentropy</c> metric: the sample mean of the sparse crossentropy loss.</summary>
public sealed class SparseCategoricalCrossentropy(string name = "sparse_categorical_crossentropy", bool from_logits = false, long axis = -1)
    : MeanMetricWrapper((y, p) => keras.losses.sparse_categorical_crossentropy(y, p, from_logits, axis), name)
{
    public bool from_logits { get; } = from_logits;
    public long axis { get; } = axis;

    public override IDictionary<string, object> get_config()
    {
        var config = base.get_config();
        config["from_logits"] = from_logits;
        config["axis"] = axis;
        return config;
    }
}
