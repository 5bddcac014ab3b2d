namespace KerasPort.Metrics;

/// <summary>Keras's <c>MeanAbsoluteError</c> metric: the sample mean of the per-sample mean absolute error.</summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"mean_absolute_error"</c>.</param>
public sealed class MeanAbsoluteError(string name = "mean_absolute_error") : MeanMetricWrapper(keras.losses.mean_absolute_error, name);
