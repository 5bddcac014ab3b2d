using static KerasPort.keras.preprocessing.image;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>Keras's own keras/src/utils/image_utils_test.py (SaveImgTest.test_save_jpg), translated.</summary>
public sealed class ImageUtilsKerasTests : TempDirectoryTest
{
    [TestCase(3, "rgb.jpg", "jpg", true)]
    [TestCase(4, "rgba.jpg", "jpg", true)]
    [TestCase(3, "rgb_inferred.jpg", null, false)]
    [TestCase(4, "rgba_inferred.jpg", null, false)]
    public void test_save_jpg(int channels, string name, string? file_format, bool use_explicit_format)
    {
        string path = Path.Combine(dir, name);
        torch.manual_seed(channels);
        using var img = torch.randint(0, 256, [50, 50, channels], dtype: ScalarType.Byte);
        if (use_explicit_format) save_img(path, img, file_format: file_format);
        else save_img(path, img);
        Assert.That(File.Exists(path), Is.True);
        // A saved RGBA image is converted to RGB for JPEG.
        using var loaded_array = img_to_array(load_img(path));
        Assert.That(loaded_array.shape, Is.EqualTo(new long[] { 50, 50, 3 }));
    }
}
