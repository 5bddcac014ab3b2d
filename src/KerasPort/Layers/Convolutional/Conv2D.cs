using KerasPort.Activations;
using KerasPort.Constraints;
using KerasPort.Initializers;
using KerasPort.Regularizers;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's 2D convolution over images (<c>channels_last</c> by default): kernel of shape
/// <c>[kh, kw, in_channels / groups, filters]</c>, then bias <c>[filters]</c>, then the activation.
/// </summary>
/// <example><code>
/// model.add(new Conv2D(32, (3, 3), activation: "relu", input_shape: [28, 28, 1]));
/// // Python: model.add(keras.layers.Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1)))
/// </code></example>
public sealed class Conv2D : BaseConv
{
    /// <param name="filters">Number of output channels (positive, divisible by <paramref name="groups"/>).</param>
    /// <param name="kernel_size">An int or two ints: the window's size.</param>
    /// <param name="strides">An int or two ints (default 1); above 1 cannot go with a dilation above 1.</param>
    /// <param name="padding"><c>valid</c> (no padding) or <c>same</c> (output size ceil(input / stride), the odd unit of padding after).</param>
    /// <param name="data_format"><c>channels_last</c> (default) or <c>channels_first</c>.</param>
    /// <param name="dilation_rate">An int or two ints (default 1).</param>
    /// <param name="groups">Number of groups the input channels are split into, each convolved with its own filters (default 1).</param>
    /// <param name="activation">Activation name or function; null is linear.</param>
    /// <param name="use_bias">Whether a bias is added; true by default.</param>
    /// <param name="kernel_initializer">An initializer name or Initializer; <c>"glorot_uniform"</c> by default.</param>
    /// <param name="bias_initializer">An initializer name or Initializer; <c>"zeros"</c> by default.</param>
    /// <param name="kernel_regularizer">A regularizer name (<c>"l2"</c>) or Regularizer penalising the kernel; none by default.</param>
    /// <param name="bias_regularizer">A regularizer name or Regularizer penalising the bias; none by default.</param>
    /// <param name="activity_regularizer">A regularizer name or Regularizer penalising the layer's output; none by default.</param>
    /// <param name="kernel_constraint">A projection of the kernel after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="bias_constraint">A projection of the bias after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="input_shape">Shape of one sample, to build at once.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="trainable">Whether the weights are trained; true by default.</param>
    public Conv2D(long filters, IntTuple kernel_size, IntTuple? strides = null, string padding = "valid", string? data_format = null,
        IntTuple? dilation_rate = null, long groups = 1, ActivationSpec? activation = null, bool use_bias = true,
        InitializerSpec? kernel_initializer = null, InitializerSpec? bias_initializer = null,
        RegularizerSpec? kernel_regularizer = null, RegularizerSpec? bias_regularizer = null, RegularizerSpec? activity_regularizer = null,
        ConstraintSpec? kernel_constraint = null, ConstraintSpec? bias_constraint = null,
        long[]? input_shape = null, string? name = null, bool trainable = true)
        : base(2, filters, kernel_size, strides, padding, data_format, dilation_rate, groups, activation, use_bias,
            kernel_initializer, bias_initializer, kernel_regularizer, bias_regularizer, activity_regularizer,
            kernel_constraint, bias_constraint, input_shape, name, trainable)
    {
    }
}
