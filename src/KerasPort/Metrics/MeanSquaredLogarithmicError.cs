namespace KerasPort.Metrics;

/// <summary>Keras's <c>MeanSquaredLogarithmicError</c> metric: the sample mean of the per-sample mean squared logarithmic error (<see cref="keras.losses.mean_squared_logarithmic_error"/>).</summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"mean_squared_logarithmic_error"</c>.</param>
public sealed class MeanSquaredLogarithmicError(string name = "mean_squared_logarithmic_error") : MeanMetricWrapper(keras.losses.mean_squared_logarithmic_error, name);
