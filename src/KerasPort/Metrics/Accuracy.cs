namespace KerasPort.Metrics;

/// <summary>Keras's <c>Accuracy</c>: how often predictions equal labels exactly.</summary>
public sealed class Accuracy(string name = "accuracy") : MeanMetricWrapper(keras.metrics.accuracy, name);
