namespace KerasPort.Tests.Layers;

/// <summary>Whole-tensor equality for assertions (TorchSharp's <c>equal</c> is element-wise).</summary>
internal static class TensorExtensions
{
    public static bool same_as(this Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
