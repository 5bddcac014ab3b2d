using static TorchSharp.torch;
using KerasPort.Constraints;
using KerasPort.Initializers;
using KerasPort.Regularizers;
using TorchSharp.Modules;
using KerasPort.Backend;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>LayerNormalization</c>: normalizes each sample over <c>axis</c> (the last
/// axis by default) to mean 0 and variance 1, then scales by <c>gamma</c> and shifts by <c>beta</c>,
/// both of the shape of the normalized axes. The same in training and inference.
/// </summary>
/// <example><code>
/// model.add(new LayerNormalization(axis: -1));
/// // Python: model.add(keras.layers.LayerNormalization(axis=-1))
/// </code></example>
public sealed class LayerNormalization : Layer
{
    private readonly WeightArguments _beta;
    private readonly WeightArguments _gamma;
    private int[]? _built_axes;

    /// <param name="axis">An int or ints: the axes normalized together (default -1).</param>
    /// <param name="epsilon">Small float added to the variance (default 1e-3).</param>
    /// <param name="center">Whether to add the offset <c>beta</c> (default true).</param>
    /// <param name="scale">Whether to multiply by <c>gamma</c> (default true).</param>
    /// <param name="beta_initializer">An initializer name or Initializer of beta; <c>"zeros"</c> by default.</param>
    /// <param name="gamma_initializer">An initializer name or Initializer of gamma; <c>"ones"</c> by default.</param>
    /// <param name="beta_regularizer">A regularizer name or Regularizer penalising beta; none by default.</param>
    /// <param name="gamma_regularizer">A regularizer name or Regularizer penalising gamma; none by default.</param>
    /// <param name="beta_constraint">A projection of beta after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="gamma_constraint">A projection of gamma after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="rms_scaling">Deprecated in Keras (it divides by the variance's root, not the root mean square; Keras
    /// warns and points to RMSNormalization): with it, <c>x * rsqrt(variance + epsilon) * gamma</c>, no beta.</param>
    /// <param name="input_shape">Shape of one sample, to build at once.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="trainable">Whether the weights are trained; true by default.</param>
    public LayerNormalization(Axes? axis = null, double epsilon = 1e-3, bool center = true, bool scale = true,
        InitializerSpec? beta_initializer = null, InitializerSpec? gamma_initializer = null,
        RegularizerSpec? beta_regularizer = null, RegularizerSpec? gamma_regularizer = null,
        ConstraintSpec? beta_constraint = null, ConstraintSpec? gamma_constraint = null,
        bool rms_scaling = false, long[]? input_shape = null, string? name = null, bool trainable = true)
        : base(name, trainable, input_shape)
    {
        this.rms_scaling = rms_scaling;
        this.axis = axis ?? -1;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
        _beta = new WeightArguments("beta", beta_initializer, "zeros", beta_regularizer, beta_constraint);
        _gamma = new WeightArguments("gamma", gamma_initializer, "ones", gamma_regularizer, gamma_constraint);
    }

    /// <summary>The axes as given (an int or a list).</summary>
    public Axes axis { get; }

    /// <summary>The small number added to the variance before its square root.</summary>
    public double epsilon { get; }

    /// <summary>Whether the offset <see cref="beta"/> is added (ignored with <see cref="rms_scaling"/>).</summary>
    public bool center { get; }

    /// <summary>Whether the output is multiplied by <see cref="gamma"/>.</summary>
    public bool scale { get; }

    /// <summary>Whether the deprecated RMS scaling is used (no mean subtraction, no beta).</summary>
    public bool rms_scaling { get; }

    /// <summary>The scale, of the normalized axes' shape; null before building or without <c>scale</c>.</summary>
    public Parameter? gamma { get; private set; }

    /// <summary>The offset, of the normalized axes' shape; null before building or without <c>center</c>.</summary>
    public Parameter? beta { get; private set; }

    /// <inheritdoc/>
    public override void build(long?[] input_shape)
    {
        compute_output_shape(input_shape);
        // Keras sorts the axes as given (negative ones first) and keeps them as a list from here on.
        _built_axes = axis.values.Order().ToArray();
        long[] shape = _built_axes.Select(a => input_shape[a < 0 ? a + input_shape.Length : a]
            ?? throw new ArgumentException($"Axis {a} of the input shape must be defined to build {name}. Received: input_shape={ShapeText.format(input_shape)}", nameof(input_shape))).ToArray();
        if (scale || rms_scaling) gamma = add_weight(_gamma, shape);
        if (center && !rms_scaling) beta = add_weight(_beta, shape);
        base.build(input_shape);
    }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        int ndim = (int)inputs.dim();
        var axes = _built_axes!.Select(a => a < 0 ? a + ndim : a).ToArray();
        var broadcast = Enumerable.Repeat(1L, ndim).ToArray();
        foreach (var a in axes) broadcast[a] = inputs.shape[a];
        var dims = axes.Select(a => (long)a).ToArray();
        if (rms_scaling)
        {
            var scaled = inputs * (inputs.var(dims, unbiased: false, keepdim: true) + epsilon).rsqrt();
            return gamma is null ? scaled : scaled * gamma.reshape(broadcast);
        }
        // Keras on torch uses torch's layer_norm when the axes are the trailing ones.
        if (axes.SequenceEqual(Enumerable.Range(ndim - axes.Length, axes.Length)))
            return nn.functional.layer_norm(inputs, axes.Select(a => inputs.shape[a]).ToArray(), gamma, beta, epsilon);
        var (mean, variance) = NN.moments(inputs, dims, keepdims: true);
        var inv = (variance + epsilon).rsqrt();
        if (gamma is not null) inv = inv * gamma.reshape(broadcast);
        var offset = -mean * inv;
        if (beta is not null) offset = offset + beta.reshape(broadcast);
        return inputs * inv + offset;
    }

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        foreach (var a in axis.values)
        {
            if (a >= input_shape.Length || a < -input_shape.Length)
                throw new ArgumentException($"Axis {a} is out of bounds for input shape {ShapeText.format(input_shape)}. Received: axis={(_built_axes is null ? axis.ToString() : "[" + string.Join(", ", _built_axes) + "]")}", nameof(axis));
        }
        return (long?[])input_shape.Clone();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["axis"] = _built_axes is not null ? _built_axes : axis.is_scalar ? axis.values[0] : axis.values;
        config["epsilon"] = epsilon;
        config["center"] = center;
        config["scale"] = scale;
        config["rms_scaling"] = rms_scaling;
        config["beta_initializer"] = _beta.initializer_config;
        config["gamma_initializer"] = _gamma.initializer_config;
        config["beta_regularizer"] = _beta.regularizer_config;
        config["gamma_regularizer"] = _gamma.regularizer_config;
        config["beta_constraint"] = _beta.constraint_config;
        config["gamma_constraint"] = _gamma.constraint_config;
        return config;
    }
}
