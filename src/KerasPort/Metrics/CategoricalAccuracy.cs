namespace KerasPort.Metrics;

/// <summary>Keras's <c>CategoricalAccuracy</c>: argmax of the one-hot label equals argmax of the prediction.</summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"categorical_accuracy"</c>.</param>
public sealed class CategoricalAccuracy(string name = "categorical_accuracy") : MeanMetricWrapper(keras.metrics.categorical_accuracy, name);
