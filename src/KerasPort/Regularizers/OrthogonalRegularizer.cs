using KerasPort.Utils;
using TorchSharp;

namespace KerasPort.Regularizers;

/// <summary>
/// Pushes the rows (<c>mode: "rows"</c>) or columns of a 2D weight toward orthogonality: the
/// penalty is <c>factor * 0.5 * sum(|P - diag P|) / (n (n - 1) / 2)</c>, with P the Gram matrix
/// of the L2-normalised rows (columns). The factor is stored as float32, as Keras does.
/// </summary>
public sealed class OrthogonalRegularizer : Regularizer
{
    /// <param name="factor">Finite, non-negative; unlike L1 and L2, null is refused as in Keras.</param>
    /// <param name="mode"><c>"rows"</c> or <c>"columns"</c>.</param>
    public OrthogonalRegularizer(double? factor = 0.01, string? mode = "rows")
    {
        this.factor = (float)validate_float_arg(factor, nameof(factor));
        if (mode is not ("rows" or "columns"))
            throw new ArgumentException(
                $"Invalid value for argument `mode`. Expected one of {{\"rows\", \"columns\"}}. Received: mode={PythonFormat.str(mode)}", nameof(mode));
        this.mode = mode;
    }

    /// <summary>The factor as Keras stores it (float32).</summary>
    public double factor { get; }
    /// <summary><c>"rows"</c> or <c>"columns"</c>: which vectors are pushed toward orthogonality.</summary>
    public string mode { get; }

    /// <inheritdoc/>
    public override torch.Tensor call(torch.Tensor inputs)
    {
        if (inputs.dim() != 2)
            throw new ArgumentException(
                $"Inputs to OrthogonalRegularizer must have rank 2. Received: inputs.shape={PythonFormat.tuple(inputs.shape)}", nameof(inputs));
        using var scope = torch.NewDisposeScope();
        int axis = mode == "rows" ? 1 : 0;
        // Keras's ops.normalize: x * rsqrt(max(sum(x^2), eps^2)), so zero rows stay zero.
        const double epsilon = 1e-7;
        var normalized = inputs * inputs.square().sum(axis, keepdim: true).clamp_min(epsilon * epsilon).rsqrt();
        var product = mode == "rows" ? normalized.matmul(normalized.t()) : normalized.t().matmul(normalized);
        long size = product.shape[0];
        var off_diagonal = product * (1.0 - torch.eye(size, dtype: inputs.dtype));
        double num_pairs = size * (size - 1.0) / 2.0;
        return off_diagonal.abs().sum().mul(factor * 0.5).div(num_pairs).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public override IDictionary<string, object> get_config() => new Dictionary<string, object> { ["factor"] = factor, ["mode"] = mode };

    /// <summary>Keras's <c>OrthogonalRegularizer.from_config</c>: <c>OrthogonalRegularizer(**config)</c>.</summary>
    public static OrthogonalRegularizer from_config(IDictionary<string, object> config)
    {
        var kwargs = config_kwargs(config, nameof(OrthogonalRegularizer), "factor", "mode");
        double? factor = kwargs.TryGetValue("factor", out var f) ? (f is null ? null : validate_float_arg(f, "factor")) : 0.01;
        string? mode = "rows";
        if (kwargs.TryGetValue("mode", out var m))
            mode = m as string ?? throw new ArgumentException(
                $"Invalid value for argument `mode`. Expected one of {{\"rows\", \"columns\"}}. Received: mode={PythonFormat.str(m)}", "mode");
        return new OrthogonalRegularizer(factor, mode);
    }
}
