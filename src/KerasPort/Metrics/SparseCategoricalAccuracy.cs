namespace KerasPort.Metrics;

/// <summary>Keras's <c>SparseCategoricalAccuracy</c>: the integer label equals argmax of the prediction.</summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"sparse_categorical_accuracy"</c>.</param>
public sealed class SparseCategoricalAccuracy(string name = "sparse_categorical_accuracy") : MeanMetricWrapper(keras.metrics.sparse_categorical_accuracy, name);
