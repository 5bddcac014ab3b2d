namespace KerasPort.Preprocessing.Image;

/// <summary>
/// Keras's 3×3 transform matrix, built with the same factors in the same order and multiplied
/// in the same summation order as numpy's <c>dot</c> (reference BLAS), so the resampler sees the
/// same coordinates. Only the last bits of <c>cos</c>/<c>sin</c> can differ from numpy's. The
/// matrices are values (<see cref="Matrix3"/>): an augmented image allocates none.
/// </summary>
internal static class AffineMatrix
{
    /// <summary>rotation · shift · shear · zoom (each skipped when neutral); null when all are.</summary>
    public static Matrix3? Compose(double theta, double tx, double ty, double shear, double zx, double zy)
    {
        Matrix3? m = null;
        if (theta != 0)
        {
            double t = theta * (Math.PI / 180.0);
            double c = Math.Cos(t), s = Math.Sin(t);
            m = Matrix3.Of(c, -s, 0, s, c, 0);
        }
        if (tx != 0 || ty != 0)
            m = Then(m, Matrix3.Of(1, 0, tx, 0, 1, ty));
        if (shear != 0)
        {
            double s = shear * (Math.PI / 180.0);
            m = Then(m, Matrix3.Of(1, -Math.Sin(s), 0, 0, Math.Cos(s), 0));
        }
        if (zx != 1 || zy != 1)
            m = Then(m, Matrix3.Of(zx, 0, 0, 0, zy, 0));
        return m;
    }

    /// <summary>Keras's <c>transform_matrix_offset_center(m, h, w)</c>: O · m · O⁻¹ about (h/2 − 0.5, w/2 − 0.5).</summary>
    public static Matrix3 OffsetCenter(Matrix3 m, long h, long w)
    {
        double ox = h / 2.0 - 0.5, oy = w / 2.0 - 0.5;
        return Dot(Dot(Matrix3.Of(1, 0, ox, 0, 1, oy), m), Matrix3.Of(1, 0, -ox, 0, 1, -oy));
    }

    /// <summary>Swaps rows 0/1 and columns 0/1 (Keras's x/y to numpy's row/column order).</summary>
    public static Matrix3 SwapXY(Matrix3 m)
    {
        var r = new Matrix3();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                r[i, j] = m[Swapped(i), Swapped(j)];
        return r;
    }

    private static int Swapped(int axis) => axis == 2 ? 2 : 1 - axis;

    private static Matrix3 Then(Matrix3? m, Matrix3 factor) => m is { } first ? Dot(first, factor) : factor;

    // Reference dgemm order: c[i,j] = ((a[i,0]·b[0,j] + a[i,1]·b[1,j]) + a[i,2]·b[2,j]).
    private static Matrix3 Dot(Matrix3 a, Matrix3 b)
    {
        var c = new Matrix3();
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                double sum = a[i, 0] * b[0, j];
                sum += a[i, 1] * b[1, j];
                sum += a[i, 2] * b[2, j];
                c[i, j] = sum;
            }
        return c;
    }
}
