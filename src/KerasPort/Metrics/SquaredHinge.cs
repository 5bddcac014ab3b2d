namespace KerasPort.Metrics;

/// <summary>Keras's <c>SquaredHinge</c> metric: the sample mean of the squared hinge loss.</summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"squared_hinge"</c>.</param>
public sealed class SquaredHinge(string name = "squared_hinge") : MeanMetricWrapper(keras.losses.squared_hinge, name);
