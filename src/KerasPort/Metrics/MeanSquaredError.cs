namespace KerasPort.Metrics;

/// <summary>Keras's <c>MeanSquaredError</c> metric: the sample mean of the per-sample mean squared error.</summary>
public sealed class MeanSquaredError(string name = "mean_squared_error") : MeanMetricWrapper(keras.losses.mean_squared_error, name);
