namespace KerasPort.Metrics;

/// <summary>Keras's <c>LogCoshError</c> metric: the sample mean of the log-cosh error (named <c>logcosh</c>, as in Keras).</summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"logcosh"</c>.</param>
public sealed class LogCoshError(string name = "logcosh") : MeanMetricWrapper(keras.losses.log_cosh, name);
