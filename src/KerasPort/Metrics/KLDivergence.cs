namespace KerasPort.Metrics;

/// <summary>Keras's <c>KLDivergence</c> metric: the sample mean of <c>sum(y_true * log(y_true / y_pred))</c>, both clipped to [1e-7, 1].</summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"kl_divergence"</c>.</param>
public sealed class KLDivergence(string name = "kl_divergence") : MeanMetricWrapper(keras.losses.kl_divergence, name);
