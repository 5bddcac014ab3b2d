namespace KerasPort.Metrics;

/// <summary>Keras's <c>Accuracy</c>: how often predictions equal labels exactly.</summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"accuracy"</c>.</param>
public sealed class Accuracy(string name = "accuracy") : MeanMetricWrapper(keras.metrics.accuracy, name);
