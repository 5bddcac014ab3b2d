using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>
/// The transform rows (<c>[a0, a1, a2, b0, b1, b2, c0, c1]</c>, one per image) of the geometric layers,
/// computed with float32 tensor ops in Keras's order, so that the coordinates match Keras's to the bit.
/// </summary>
internal static class AffineMatrices
{
    /// <summary>
    /// Keras's <c>_compute_affine_matrix</c> for a rotation by <paramref name="angle"/> degrees ([N], float32)
    /// about the image centre, no translation, unit scale and no shear.
    /// </summary>
    public static Tensor rotation(Tensor angle, int height, int width)
    {
        using var scope = NewDisposeScope();
        long n = angle.shape[0];
        using var degree_to_radian = tensor((float)(Math.PI / 180.0));
        var radians = angle * degree_to_radian;
        var zero = zeros(n);
        var one = ones(n);
        var shear_x = (zero * degree_to_radian).tan();
        var shear_y = (zero * degree_to_radian).tan();
        var cx = (tensor((float)width) - 1) * 0.5;
        var cy = (tensor((float)height) - 1) * 0.5;
        var cos = radians.cos();
        var sin = radians.sin();
        var a0 = one * (cos + shear_x * sin);
        var a1 = one * (-sin + shear_x * cos);
        var a2 = zero + cx - cx * a0 - cy * a1;
        var b0 = one * (shear_y * cos + sin);
        var b1 = one * (shear_y * -sin + cos);
        var b2 = zero + cy - cx * b0 - cy * b1;
        return stack([a0, a1, a2, b0, b1, b2, zero, zero], 1).MoveToOuterDisposeScope();
    }

    /// <summary>RandomZoom's <c>_get_zoom_matrix</c>: zooms [N, 2] as (width zoom, height zoom).</summary>
    public static Tensor zoom(Tensor zooms, int height, int width)
    {
        using var scope = NewDisposeScope();
        var zx = zooms[.., 0..1];
        var zy = zooms[.., 1..];
        var zero = zeros(zooms.shape[0], 1);
        var x_offset = (tensor((float)width) - 1.0) / 2.0 * (1.0 - zx);
        var y_offset = (tensor((float)height) - 1.0) / 2.0 * (1.0 - zy);
        return cat([zx, zero, x_offset, zero, zy, y_offset, zero, zero], 1).MoveToOuterDisposeScope();
    }

    /// <summary>RandomTranslation's <c>_get_translation_matrix</c>: translations [N, 2] as (x pixels, y pixels).</summary>
    public static Tensor translation(Tensor translations)
    {
        using var scope = NewDisposeScope();
        var one = ones(translations.shape[0], 1);
        var zero = zeros(translations.shape[0], 1);
        return cat([one, zero, -translations[.., 0..1], zero, one, -translations[.., 1..], zero, zero], 1).MoveToOuterDisposeScope();
    }

    /// <summary>RandomShear's <c>_get_shear_matrix</c>: shear factors [N, 2] as (x, y).</summary>
    public static Tensor shear(Tensor factors)
    {
        using var scope = NewDisposeScope();
        var one = ones(factors.shape[0]);
        var zero = zeros(factors.shape[0]);
        return stack([one, factors[.., 0], zero, factors[.., 1], one, zero, zero, zero], 1).MoveToOuterDisposeScope();
    }
}
