namespace KerasPort.Metrics;

/// <summary>Keras's <c>MeanAbsolutePercentageError</c> metric: the sample mean of the per-sample mean absolute percentage error (<see cref="keras.losses.mean_absolute_percentage_error"/>).</summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"mean_absolute_percentage_error"</c>.</param>
public sealed class MeanAbsolutePercentageError(string name = "mean_absolute_percentage_error") : MeanMetricWrapper(keras.losses.mean_absolute_percentage_error, name);
