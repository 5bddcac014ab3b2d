namespace KerasPort.Metrics;

/// <summary>Keras's <c>MeanSquaredError</c> metric: the sample mean of the per-sample mean squared error.</summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"mean_squared_error"</c>.</param>
public sealed class MeanSquaredError(string name = "mean_squared_error") : MeanMetricWrapper(keras.losses.mean_squared_error, name);
