namespace KerasPort.Preprocessing.Image;

/// <summary>
/// Keras's 3×3 transform matrix, built with the same factors in the same order and multiplied
/// in the same summation order as numpy's <c>dot</c> (reference BLAS), so the resampler sees the
/// same coordinates. Only the last bits of <c>cos</c>/<c>sin</c> can differ from numpy's.
/// </summary>
internal static class AffineMatrix
{
    /// <summary>rotation · shift · shear · zoom (each skipped when neutral); null when all are.</summary>
    public static double[,]? Compose(double theta, double tx, double ty, double shear, double zx, double zy)
    {
        double[,]? m = null;
        if (theta != 0)
        {
            double t = theta * (Math.PI / 180.0);
            double c = Math.Cos(t), s = Math.Sin(t);
            m = new double[,] { { c, -s, 0 }, { s, c, 0 }, { 0, 0, 1 } };
        }
        if (tx != 0 || ty != 0)
            m = Then(m, new double[,] { { 1, 0, tx }, { 0, 1, ty }, { 0, 0, 1 } });
        if (shear != 0)
        {
            double s = shear * (Math.PI / 180.0);
            m = Then(m, new double[,] { { 1, -Math.Sin(s), 0 }, { 0, Math.Cos(s), 0 }, { 0, 0, 1 } });
        }
        if (zx != 1 || zy != 1)
            m = Then(m, new double[,] { { zx, 0, 0 }, { 0, zy, 0 }, { 0, 0, 1 } });
        return m;
    }

    /// <summary>Keras's <c>transform_matrix_offset_center(m, h, w)</c>: O · m · O⁻¹ about (h/2 − 0.5, w/2 − 0.5).</summary>
    public static double[,] OffsetCenter(double[,] m, long h, long w)
    {
        double ox = h / 2.0 - 0.5, oy = w / 2.0 - 0.5;
        var offset = new double[,] { { 1, 0, ox }, { 0, 1, oy }, { 0, 0, 1 } };
        var reset = new double[,] { { 1, 0, -ox }, { 0, 1, -oy }, { 0, 0, 1 } };
        return Dot(Dot(offset, m), reset);
    }

    /// <summary>Swaps rows 0/1 and columns 0/1 (Keras's x/y to numpy's row/column order).</summary>
    public static double[,] SwapXY(double[,] m)
    {
        var r = new double[3, 3];
        int[] p = [1, 0, 2];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                r[i, j] = m[p[i], p[j]];
        return r;
    }

    private static double[,] Then(double[,]? m, double[,] factor) => m is null ? factor : Dot(m, factor);

    // Reference dgemm order: c[i,j] = ((a[i,0]·b[0,j] + a[i,1]·b[1,j]) + a[i,2]·b[2,j]).
    private static double[,] Dot(double[,] a, double[,] b)
    {
        var c = new double[3, 3];
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
