using KerasPort.Backend;
using KerasPort.Constraints;
using KerasPort.Initializers;
using KerasPort.Regularizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// Keras's <c>BatchNormalization</c>: normalizes each feature of <c>axis</c> to mean 0
/// and variance 1, then scales by <c>gamma</c> and shifts by <c>beta</c>.
/// <list type="bullet">
/// <item>Training (<c>training: true</c> on a trainable layer): the batch's own mean and variance
/// (computed as Keras does, E[x²] − E[x]²), and the moving statistics move toward them:
/// <c>moving = moving * momentum + batch * (1 - momentum)</c>.</item>
/// <item>Inference, or a layer with <c>trainable = false</c> (Keras 3's rule): the moving statistics.</item>
/// </list>
/// Weights, in Keras's order: <c>gamma</c> (with <c>scale</c>), <c>beta</c> (with
/// <c>center</c>), then the non-trainable <c>moving_mean</c> and <c>moving_variance</c>.
/// </summary>
/// <example><code>
/// model.add(new BatchNormalization(momentum: 0.9));
/// // Python: model.add(keras.layers.BatchNormalization(momentum=0.9))
/// </code></example>
public sealed class BatchNormalization : Layer
{
    private readonly WeightArguments _beta;
    private readonly WeightArguments _gamma;
    private readonly WeightArguments _moving_mean;
    private readonly WeightArguments _moving_variance;
    private long[]? _reduction_axes;

    /// <param name="axis">The features axis (default -1, the last).</param>
    /// <param name="momentum">Momentum of the moving statistics (default 0.99).</param>
    /// <param name="epsilon">Small float added to the variance (default 1e-3).</param>
    /// <param name="center">Whether to add the offset <c>beta</c> (default true).</param>
    /// <param name="scale">Whether to multiply by <c>gamma</c> (default true).</param>
    /// <param name="beta_initializer">An initializer name or Initializer of beta; <c>"zeros"</c> by default.</param>
    /// <param name="gamma_initializer">An initializer name or Initializer of gamma; <c>"ones"</c> by default.</param>
    /// <param name="moving_mean_initializer">An initializer name or Initializer of the moving mean; <c>"zeros"</c> by default.</param>
    /// <param name="moving_variance_initializer">An initializer name or Initializer of the moving variance; <c>"ones"</c> by default.</param>
    /// <param name="beta_regularizer">A regularizer name or Regularizer penalising beta; none by default.</param>
    /// <param name="gamma_regularizer">A regularizer name or Regularizer penalising gamma; none by default.</param>
    /// <param name="beta_constraint">A projection of beta after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="gamma_constraint">A projection of gamma after each optimizer update: a constraint name (<c>"max_norm"</c>, <c>"non_neg"</c>, <c>"unit_norm"</c>, <c>"min_max_norm"</c>), a <see cref="Constraint"/> or a <c>Func&lt;Tensor, Tensor&gt;</c>; none by default.</param>
    /// <param name="renorm">Batch renormalization: in training, the batch statistics are corrected toward the renorm
    /// statistics by factors r and d (clipped by <paramref name="renorm_clipping"/>), which take no gradient.</param>
    /// <param name="renorm_clipping">Bounds of the correction: keys <c>rmax</c>, <c>rmin</c>, <c>dmax</c>; none by default.</param>
    /// <param name="renorm_momentum">Momentum of the renorm statistics (default 0.99).</param>
    /// <param name="synchronized">Keras's cross-replica statistics; as Keras on torch, only false is accepted.</param>
    /// <param name="input_shape">Shape of one sample, to build at once.</param>
    /// <param name="name">The layer's name; automatic when null.</param>
    /// <param name="trainable">Whether the layer trains; a frozen layer also normalizes with its moving statistics.</param>
    public BatchNormalization(int axis = -1, double momentum = 0.99, double epsilon = 1e-3, bool center = true, bool scale = true,
        InitializerSpec? beta_initializer = null, InitializerSpec? gamma_initializer = null,
        InitializerSpec? moving_mean_initializer = null, InitializerSpec? moving_variance_initializer = null,
        RegularizerSpec? beta_regularizer = null, RegularizerSpec? gamma_regularizer = null,
        ConstraintSpec? beta_constraint = null, ConstraintSpec? gamma_constraint = null,
        bool renorm = false, IReadOnlyDictionary<string, double>? renorm_clipping = null, double renorm_momentum = 0.99,
        bool synchronized = false, long[]? input_shape = null, string? name = null, bool trainable = true)
        : base(name, trainable, input_shape)
    {
        if (synchronized)
            throw new ArgumentException("Argument synchronized=True is only supported with the TensorFlow backend.", nameof(synchronized));
        this.axis = axis;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.center = center;
        this.scale = scale;
        _beta = new WeightArguments("beta", beta_initializer, "zeros", beta_regularizer, beta_constraint);
        _gamma = new WeightArguments("gamma", gamma_initializer, "ones", gamma_regularizer, gamma_constraint);
        _moving_mean = new WeightArguments("moving_mean", moving_mean_initializer, "zeros", null, null);
        _moving_variance = new WeightArguments("moving_variance", moving_variance_initializer, "ones", null, null);
        this.renorm = renorm;
        this.renorm_momentum = renorm_momentum;
        if (renorm)
        {
            var clipping = new Dictionary<string, double>(renorm_clipping ?? new Dictionary<string, double>());
            string[] keys = ["rmax", "rmin", "dmax"];
            if (clipping.Keys.Any(k => !keys.Contains(k)))
                throw new ArgumentException($"Received invalid keys for `renorm_clipping` argument: {{{string.Join(", ", clipping.Select(kv => $"'{kv.Key}': {KerasPort.Utils.PythonFormat.str(kv.Value)}"))}}}. Supported values: ['rmax', 'rmin', 'dmax'].", nameof(renorm_clipping));
            if (clipping.TryGetValue("rmax", out var rmax) && clipping.TryGetValue("rmin", out var rmin) && rmax < rmin)
                throw new ArgumentException($"rmax should be greater than rmin in the `renorm_clipping` argument. Received: rmax={KerasPort.Utils.PythonFormat.str(rmax)}, rmin={KerasPort.Utils.PythonFormat.str(rmin)}.", nameof(renorm_clipping));
            if (clipping.TryGetValue("dmax", out var dmax) && dmax < 0)
                throw new ArgumentException($"dmax should be non-negative in the `renorm_clipping` argument. Received: dmax={KerasPort.Utils.PythonFormat.str(dmax)}.", nameof(renorm_clipping));
            this.renorm_clipping = clipping;
        }
        else if (renorm_clipping is not null) this.renorm_clipping = new Dictionary<string, double>(renorm_clipping);
    }

    /// <summary>The features axis (negative counts from the end).</summary>
    public int axis { get; }

    /// <summary>The momentum of the moving mean and variance.</summary>
    public double momentum { get; }

    /// <summary>The small number added to the variance before its square root.</summary>
    public double epsilon { get; }

    /// <summary>Whether the offset <see cref="beta"/> is added.</summary>
    public bool center { get; }

    /// <summary>Whether the output is multiplied by <see cref="gamma"/>.</summary>
    public bool scale { get; }

    /// <summary>Always false: cross-replica statistics exist only on Keras's TensorFlow backend.</summary>
    public bool synchronized => false;

    /// <summary>Whether batch renormalization is used in training.</summary>
    public bool renorm { get; }

    /// <summary>The renorm bounds as Keras keeps them: empty with renorm and none given, null without renorm.</summary>
    public IReadOnlyDictionary<string, double>? renorm_clipping { get; }

    /// <summary>The momentum of the renorm mean and standard deviation.</summary>
    public double renorm_momentum { get; }

    /// <summary>With renorm: the moving standard deviation <c>[features]</c> (not trainable); null otherwise or before building.</summary>
    public Parameter? moving_stddev { get; private set; }

    /// <summary>With renorm: the renorm mean <c>[features]</c> (not trainable); null otherwise or before building.</summary>
    public Parameter? renorm_mean { get; private set; }

    /// <summary>With renorm: the renorm standard deviation <c>[features]</c> (not trainable); null otherwise or before building.</summary>
    public Parameter? renorm_stddev { get; private set; }

    /// <summary>The scale <c>[features]</c>; null before building or without <c>scale</c>.</summary>
    public Parameter? gamma { get; private set; }

    /// <summary>The offset <c>[features]</c>; null before building or without <c>center</c>.</summary>
    public Parameter? beta { get; private set; }

    /// <summary>The moving mean <c>[features]</c> (not trainable); null before building.</summary>
    public Parameter? moving_mean { get; private set; }

    /// <summary>The moving variance <c>[features]</c> (not trainable); null before building.</summary>
    public Parameter? moving_variance { get; private set; }

    private int axis_index(int ndim) => axis < 0 ? axis + ndim : axis;

    /// <inheritdoc/>
    public override void build(long?[] input_shape)
    {
        check_axis(input_shape.Length, input_shape);
        int index = axis_index(input_shape.Length);
        long features = input_shape[index]
            ?? throw new ArgumentException($"Axis {axis} of the input shape must be defined to build {name}. Received: input_shape={ShapeText.format(input_shape)}", nameof(input_shape));
        if (scale) gamma = add_weight(_gamma, [features]);
        if (center) beta = add_weight(_beta, [features]);
        moving_mean = add_weight(_moving_mean, [features], trainable: false);
        moving_variance = add_weight(_moving_variance, [features], trainable: false);
        if (renorm)
        {
            // The standard deviations start at the square root of the moving variance's initializer.
            moving_stddev = add_weight("moving_stddev", [features], _moving_variance.initializer, trainable: false);
            renorm_mean = add_weight("renorm_mean", [features], _moving_mean.initializer, trainable: false);
            renorm_stddev = add_weight("renorm_stddev", [features], _moving_variance.initializer, trainable: false);
            using var _ = no_grad();
            moving_stddev.sqrt_();
            renorm_stddev.sqrt_();
        }
        _reduction_axes = Enumerable.Range(0, input_shape.Length).Where(i => i != index).Select(i => (long)i).ToArray();
        base.build(input_shape);
    }

    private void check_axis(int ndim, long?[] input_shape)
    {
        if (axis >= ndim || axis < -ndim)
            throw new ArgumentException($"Axis {axis} is out of bounds for input shape {ShapeText.format(input_shape)}. Received: axis={axis}", nameof(axis));
    }

    /// <inheritdoc/>
    protected override void assert_input_compatibility(long[] shape)
    {
        InputSpec.ndim(this, shape, build_input_shape!.Length);
        InputSpec.axis(this, shape, axis, moving_mean!.shape[0]);
    }

    /// <inheritdoc/>
    public override Tensor call(Tensor inputs, bool training = false)
    {
        if (!(training && trainable))
            return NN.batch_normalization(inputs, moving_mean!, moving_variance!, axis, beta, gamma, epsilon);
        var (mean, variance) = NN.moments(inputs, _reduction_axes!);
        if (renorm) return renormalize(inputs, mean, variance);
        // The moving statistics change in place, outside autograd, so the weights the optimizer and
        // the model hold stay the same tensors (nothing from this step's dispose scope replaces them).
        using (no_grad())
        {
            moving_mean!.copy_(moving_mean * momentum + mean * (1.0 - momentum));
            moving_variance!.copy_(moving_variance * momentum + variance * (1.0 - momentum));
        }
        return NN.batch_normalization(inputs, mean, variance, axis, beta, gamma, epsilon);
    }

    /// <summary>Keras's batch renormalization step: the corrected scale and offset, then the statistics' updates.</summary>
    private Tensor renormalize(Tensor inputs, Tensor mean, Tensor variance)
    {
        Tensor r, d;
        using (no_grad())
        {
            // r and d take no gradient (Keras's stop_gradient).
            var stddev = (variance + epsilon).sqrt();
            var bounded = renorm_stddev!.maximum(tensor(Math.Sqrt(epsilon), dtype: renorm_stddev.dtype));
            r = stddev / bounded;
            d = (mean - renorm_mean!) / bounded;
            if (renorm_clipping!.TryGetValue("rmin", out var rmin)) r = r.clamp_min(rmin);
            if (renorm_clipping.TryGetValue("rmax", out var rmax)) r = r.clamp_max(rmax);
            if (renorm_clipping.TryGetValue("dmax", out var dmax)) d = d.clamp(-dmax, dmax);
        }
        var effective_gamma = gamma is null ? r : r * gamma;
        var effective_beta = gamma is null ? d : d * gamma;
        if (beta is not null) effective_beta = effective_beta + beta;
        using (no_grad())
        {
            var stddev = (variance + epsilon).sqrt();
            renorm_mean!.copy_(renorm_mean * renorm_momentum + mean * (1.0 - renorm_momentum));
            renorm_stddev!.copy_(renorm_stddev * renorm_momentum + stddev * (1.0 - renorm_momentum));
            moving_mean!.copy_(moving_mean * momentum + mean * (1.0 - momentum));
            var new_moving_stddev = moving_stddev! * momentum + stddev * (1.0 - momentum);
            moving_stddev!.copy_(new_moving_stddev);
            moving_variance!.copy_(nn.functional.relu(new_moving_stddev * new_moving_stddev - epsilon));
        }
        return NN.batch_normalization(inputs, mean, variance, axis, effective_beta, effective_gamma, epsilon);
    }

    /// <inheritdoc/>
    public override long?[] compute_output_shape(long?[] input_shape)
    {
        check_axis(input_shape.Length, input_shape);
        return (long?[])input_shape.Clone();
    }

    /// <inheritdoc/>
    public override Dictionary<string, object?> get_config()
    {
        var config = base.get_config();
        config["axis"] = axis;
        config["momentum"] = momentum;
        config["epsilon"] = epsilon;
        config["center"] = center;
        config["scale"] = scale;
        config["beta_initializer"] = _beta.initializer_config;
        config["gamma_initializer"] = _gamma.initializer_config;
        config["moving_mean_initializer"] = _moving_mean.initializer_config;
        config["moving_variance_initializer"] = _moving_variance.initializer_config;
        config["beta_regularizer"] = _beta.regularizer_config;
        config["gamma_regularizer"] = _gamma.regularizer_config;
        config["beta_constraint"] = _beta.constraint_config;
        config["gamma_constraint"] = _gamma.constraint_config;
        config["synchronized"] = false;
        config["renorm"] = renorm;
        config["renorm_clipping"] = renorm_clipping;
        config["renorm_momentum"] = renorm_momentum;
        return config;
    }
}
