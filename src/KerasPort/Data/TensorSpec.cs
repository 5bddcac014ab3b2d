using static TorchSharp.torch;

namespace KerasPort.Data;

/// <summary>
/// tf.data's <c>tf.TensorSpec</c>: the shape and dtype of one component of a dataset's element.
/// A <c>null</c> dimension is unknown (tf's <c>None</c>), as the batch axis after
/// <c>batch(n)</c> without <c>drop_remainder</c>.
/// </summary>
public sealed class TensorSpec : IEquatable<TensorSpec>
{
    /// <summary>Makes a spec; <paramref name="shape"/> has null where a dimension is unknown.</summary>
    public TensorSpec(long?[] shape, ScalarType dtype)
    {
        this.shape = shape;
        this.dtype = dtype;
    }

    /// <summary>The static shape; null entries are unknown dimensions.</summary>
    public long?[] shape { get; }

    /// <summary>The component's dtype.</summary>
    public ScalarType dtype { get; }

    /// <summary>The spec of <paramref name="t"/>, every dimension known.</summary>
    public static TensorSpec of(Tensor t) => new(t.shape.Select(d => (long?)d).ToArray(), t.dtype);

    /// <summary>The spec that covers both: dimensions that differ become unknown (tf's most specific compatible shape).</summary>
    internal TensorSpec merge(TensorSpec other, string what)
    {
        if (other.dtype != dtype || other.shape.Length != shape.Length)
            throw new ArgumentException($"Incompatible dataset elements for {what}: {this} and {other}.");
        return new TensorSpec(shape.Zip(other.shape, (a, b) => a == b ? a : null).ToArray(), dtype);
    }

    /// <summary>tf's repr: <c>TensorSpec(shape=(None, 28), dtype=tf.float32, name=None)</c>.</summary>
    public override string ToString()
    {
        string dims = shape.Length switch
        {
            0 => "()",
            1 => $"({dim(shape[0])},)",
            _ => "(" + string.Join(", ", shape.Select(dim)) + ")",
        };
        return $"TensorSpec(shape={dims}, dtype=tf.{dtype_name(dtype)}, name=None)";
    }

    private static string dim(long? d) => d?.ToString() ?? "None";

    /// <summary>tf's name of a dtype (<c>float32</c>, <c>int64</c>, <c>uint8</c>, ...).</summary>
    internal static string dtype_name(ScalarType t) => t switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.Float64 => "float64",
        ScalarType.Float16 => "float16",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Int64 => "int64",
        ScalarType.Int32 => "int32",
        ScalarType.Int16 => "int16",
        ScalarType.Int8 => "int8",
        ScalarType.Byte => "uint8",
        ScalarType.Bool => "bool",
        _ => t.ToString().ToLowerInvariant(),
    };

    /// <summary>True for the same dtype and the same shape, unknown dimensions included (tf's <c>==</c> on specs).</summary>
    public bool Equals(TensorSpec? other) => other is not null && other.dtype == dtype && other.shape.SequenceEqual(shape);

    /// <inheritdoc cref="Equals(TensorSpec?)"/>
    public override bool Equals(object? obj) => Equals(obj as TensorSpec);

    /// <summary>A hash of the dtype and the shape, consistent with <see cref="Equals(TensorSpec?)"/>.</summary>
    public override int GetHashCode() => shape.Aggregate(dtype.GetHashCode(), (h, d) => HashCode.Combine(h, d));
}
