namespace KerasPort.Metrics;

/// <summary>Keras's <c>CategoricalHinge</c> metric: the sample mean of the categorical hinge loss.</summary>
public sealed class CategoricalHinge(string name = "categorical_hinge") : MeanMetricWrapper(keras.losses.categorical_hinge, name);
