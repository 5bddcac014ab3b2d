namespace KerasPort.Metrics;

/// <summary>Keras's <c>SquaredHinge</c> metric: the sample mean of the squared hinge loss.</summary>
public sealed class SquaredHinge(string name = "squared_hinge") : MeanMetricWrapper(keras.losses.squared_hinge, name);
