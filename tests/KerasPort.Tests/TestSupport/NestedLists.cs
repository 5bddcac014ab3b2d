using System.Text.Json.Nodes;
using TorchSharp;

namespace KerasPort.Tests.TestSupport;

/// <summary>
/// Arrays that the recorders wrote with numpy's <c>tolist()</c>: nested JSON lists of numbers (NaN
/// and infinities as strings), read back as flat values, a shape and a float32 tensor. With
/// <c>using static</c> a test reads them as <c>f32(node)</c>, <c>flat(node)</c>, <c>shape(node)</c>.
/// </summary>
internal static class NestedLists
{
    /// <summary>The values in C order.</summary>
    public static double[] flat(JsonNode? node) => node is JsonArray a ? a.SelectMany(n => flat(n!)).ToArray() : [KerasFixtures.Number(node!)];

    /// <summary>The shape of the nesting (a number is shape []).</summary>
    public static long[] shape(JsonNode node) => node is JsonArray a ? [a.Count, .. (a.Count > 0 ? shape(a[0]!) : [])] : [];

    /// <summary>A float32 tensor of the values, in the nesting's shape.</summary>
    public static torch.Tensor f32(JsonNode node) => torch.tensor(flat(node).Select(v => (float)v).ToArray()).reshape(shape(node));
}
