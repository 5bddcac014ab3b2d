namespace KerasPort.Metrics;

/// <summary>Keras's <c>CategoricalHinge</c> metric: the sample mean of the categorical hinge loss.</summary>
/// <param name="name">The metric's name, its key in the logs. Default <c>"categorical_hinge"</c>.</param>
public sealed class CategoricalHinge(string name = "categorical_hinge") : MeanMetricWrapper(keras.losses.categorical_hinge, name);
