namespace KerasPort.Metrics;

/// <summary>Keras's <c>Poisson</c> metric: the sample mean of <c>mean(y_pred - y_true * log(y_pred + 1e-7))</c>.</summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"poisson"</c>.</param>
public sealed class Poisson(string name = "poisson") : MeanMetricWrapper(keras.losses.poisson, name);
