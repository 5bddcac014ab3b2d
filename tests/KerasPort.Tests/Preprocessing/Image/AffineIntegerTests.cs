namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>
/// Issue 11, item 11: apply_affine_transform takes integer arrays and keeps their dtype, as Keras
/// (scipy.ndimage.affine_transform) does. Expected values recorded from Keras 3.15.1's legacy
/// apply_affine_transform with scipy on Debian 12 (this machine).
/// </summary>
public sealed class AffineIntegerTests
{
    [Test]
    public void Uint8_rotation_matches_Keras()
    {
        using var x = (torch.arange(32, dtype: ScalarType.Int64).reshape(2, 4, 4) * 7).to_type(ScalarType.Byte);
        using var y = keras.preprocessing.image.apply_affine_transform(x, theta: 30, row_axis: 1, col_axis: 2, channel_axis: 0);
        Assert.That(y.dtype, Is.EqualTo(ScalarType.Byte));
        long[] expected = [7, 13, 31, 48, 12, 32, 52, 72, 33, 53, 73, 93, 57, 74, 92, 98,
                           119, 125, 143, 160, 124, 144, 164, 184, 145, 165, 185, 205, 169, 186, 204, 210];
        Assert.That(y.to_type(ScalarType.Int64).data<long>().ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void Int32_with_negative_values_rounds_half_away_from_zero_as_scipy()
    {
        using var x = ((torch.arange(32, dtype: ScalarType.Int32).reshape(2, 4, 4) - 16) * 1000).to_type(ScalarType.Int32);
        using var y = keras.preprocessing.image.apply_affine_transform(x, theta: 30, row_axis: 1, col_axis: 2, channel_axis: 0, order: 1);
        Assert.That(y.dtype, Is.EqualTo(ScalarType.Int32));
        int[] expected = [-15049, -14183, -11513, -9196, -14281, -11415, -8549, -5732, -11268, -8451, -5585, -2719, -7804, -5487, -2817, -1951,
                          951, 1817, 4487, 6804, 1719, 4585, 7451, 10268, 4732, 7549, 10415, 13281, 8196, 10513, 13183, 14049];
        Assert.That(y.data<int>().ToArray(), Is.EqualTo(expected));
    }

    [Test]
    public void Int64_constant_fill_rounds_cval()
    {
        using var x = (torch.arange(32, dtype: ScalarType.Int64).reshape(2, 4, 4) * 7);
        using var y = keras.preprocessing.image.apply_affine_transform(x, tx: 0.5, row_axis: 1, col_axis: 2, channel_axis: 0, fill_mode: "constant", cval: 3.7);
        Assert.That(y.dtype, Is.EqualTo(ScalarType.Int64));
        long[] expected = [4, 11, 18, 4, 32, 39, 46, 4, 60, 67, 74, 4, 88, 95, 102, 4, 116, 123, 130, 4, 144, 151, 158, 4, 172, 179, 186, 4, 200, 207, 214, 4];
        Assert.That(y.data<long>().ToArray(), Is.EqualTo(expected));
    }
}
