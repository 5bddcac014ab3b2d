namespace KerasPort.Preprocessing.Image;

/// <summary>A 3×3 matrix of doubles held by value, row-major.</summary>
internal unsafe struct Matrix3
{
    private fixed double _elements[9];

    /// <summary>The element at row <paramref name="i"/>, column <paramref name="j"/>.</summary>
    public double this[int i, int j]
    {
        readonly get => _elements[i * 3 + j];
        set => _elements[i * 3 + j] = value;
    }

    /// <summary>The affine matrix with the given first two rows; the last row is (0, 0, 1).</summary>
    public static Matrix3 Of(double m00, double m01, double m02, double m10, double m11, double m12)
    {
        var m = new Matrix3();
        (m[0, 0], m[0, 1], m[0, 2]) = (m00, m01, m02);
        (m[1, 0], m[1, 1], m[1, 2]) = (m10, m11, m12);
        m[2, 2] = 1;
        return m;
    }
}
