namespace KerasPort.Metrics;

/// <summary>Keras's <c>MeanAbsoluteError</c> metric: the sample mean of the per-sample mean absolute error.</summary>
public sealed class MeanAbsoluteError(string name = "mean_absolute_error") : MeanMetricWrapper(keras.losses.mean_absolute_error, name);
