using KerasPort.Activations;
using KerasPort.Constraints;
using KerasPort.Initializers;
using KerasPort.Regularizers;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// The arguments that Dense and the convolutions share (activation, bias, and the initializer,
/// regularizer and constraint of kernel and bias), checked at construction with the argument's
/// name and written into the config in Keras's order. The kernel's arguments take the prefix
/// <c>kernel_name</c> (<c>kernel_initializer</c>, or <c>depthwise_initializer</c> for the
/// depthwise convolutions).
/// </summary>
internal sealed class KernelArguments
{
    private readonly ActivationSpec _activation_arg;
    private readonly string _kernel_name;
    private readonly Constraint? _kernel_constraint;
    private readonly Constraint? _bias_constraint;

    // after_kernel_initializer runs between the kernel's and the bias's initializer, for a layer whose
    // Keras constructor resolves another initializer there (SeparableConv2D's pointwise one).
    public KernelArguments(ActivationSpec? activation, bool use_bias, InitializerSpec? kernel_initializer, InitializerSpec? bias_initializer,
        RegularizerSpec? kernel_regularizer, RegularizerSpec? bias_regularizer,
        ConstraintSpec? kernel_constraint, ConstraintSpec? bias_constraint, string kernel_name = "kernel",
        Action? after_kernel_initializer = null)
    {
        _kernel_name = kernel_name;
        this.use_bias = use_bias;
        _activation_arg = activation.GetValueOrDefault();
        this.activation = _activation_arg.resolve();
        // Resolved once, kernel then bias, as Keras's constructors do: a name makes a new
        // initializer, which draws its seed from Python's random now.
        this.kernel_initializer = kernel_initializer.GetValueOrDefault().resolve("glorot_uniform");
        after_kernel_initializer?.Invoke();
        this.bias_initializer = bias_initializer.GetValueOrDefault().resolve("zeros");
        this.kernel_regularizer = kernel_regularizer?.resolve();
        this.bias_regularizer = bias_regularizer?.resolve();
        _kernel_constraint = kernel_constraint?.resolve();
        _bias_constraint = bias_constraint?.resolve();
    }

    public Func<Tensor, Tensor>? activation { get; }
    public bool use_bias { get; }
    public Regularizer? kernel_regularizer { get; }
    public Regularizer? bias_regularizer { get; }
    public Func<Tensor, Tensor>? kernel_constraint => ArgumentResolver.projection(_kernel_constraint);
    public Func<Tensor, Tensor>? bias_constraint => ArgumentResolver.projection(_bias_constraint);
    public Initializer kernel_initializer { get; }
    public Initializer bias_initializer { get; }

    /// <summary>The activation applied to <paramref name="x"/>; linear when none was given.</summary>
    public Tensor activate(Tensor x) => activation is null ? x : activation(x);

    /// <summary>
    /// Adds activation, use_bias, the initializers, regularizers and constraints to
    /// <paramref name="config"/>, in Keras's order: each group lists the kernel's, then
    /// <paramref name="second_kernel"/>'s (SeparableConv2D's pointwise kernel), then the bias's;
    /// the convolutions (<paramref name="with_activity_regularizer"/>) write
    /// <paramref name="activity_regularizer"/> between the regularizers and the constraints.
    /// </summary>
    public void add_config(Dictionary<string, object?> config, (string name, WeightArguments arguments)? second_kernel = null,
        bool with_activity_regularizer = false, Regularizer? activity_regularizer = null)
    {
        config["activation"] = _activation_arg.config;
        config["use_bias"] = use_bias;
        config[_kernel_name + "_initializer"] = ArgumentResolver.serialize(kernel_initializer);
        if (second_kernel is { } second) config[second.name + "_initializer"] = second.arguments.initializer_config;
        config["bias_initializer"] = ArgumentResolver.serialize(bias_initializer);
        config[_kernel_name + "_regularizer"] = ArgumentResolver.serialize(kernel_regularizer);
        if (second_kernel is { } second_regularized) config[second_regularized.name + "_regularizer"] = second_regularized.arguments.regularizer_config;
        config["bias_regularizer"] = ArgumentResolver.serialize(bias_regularizer);
        if (with_activity_regularizer) config["activity_regularizer"] = ArgumentResolver.serialize(activity_regularizer);
        config[_kernel_name + "_constraint"] = ArgumentResolver.serialize_constraint(_kernel_constraint);
        if (second_kernel is { } second_constrained) config[second_constrained.name + "_constraint"] = second_constrained.arguments.constraint_config;
        config["bias_constraint"] = ArgumentResolver.serialize_constraint(_bias_constraint);
    }
}
