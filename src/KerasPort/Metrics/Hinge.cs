namespace KerasPort.Metrics;

/// <summary>Keras's <c>Hinge</c> metric: the sample mean of the hinge loss (<see cref="keras.losses.hinge"/>).</summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"hinge"</c>.</param>
public sealed class Hinge(string name = "hinge") : MeanMetricWrapper(keras.losses.hinge, name);
