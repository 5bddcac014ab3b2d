namespace KerasPort.Data;

/// <summary>
/// The structure of a dataset's element: its components' specs, and whether the element is a
/// tuple (<c>(x, y)</c>, shown in parentheses) or a single tensor.
/// </summary>
internal sealed record ElementSpec(TensorSpec[] components, bool tuple)
{
    public static ElementSpec of(IReadOnlyList<TorchSharp.torch.Tensor> components, bool tuple) =>
        new(components.Select(TensorSpec.of).ToArray(), tuple || components.Count != 1);

    public override string ToString() => tuple
        ? "(" + string.Join(", ", components.Select(c => c.ToString())) + (components.Length == 1 ? ",)" : ")")
        : components[0].ToString();
}
