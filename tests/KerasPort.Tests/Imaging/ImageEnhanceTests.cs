using KerasPort.Imaging;

namespace KerasPort.Tests.Imaging;

public class ImageEnhanceTests
{
    [TestCaseSource(typeof(PilCases), nameof(PilCases.Named), new object[] { new[] { "enhance" } })]
    public void Enhance_matches_PIL_within_one_grey_level(string name) =>
        Assert.That(PilCases.MaxDifference(name, (args, img) =>
        {
            double factor = args.GetProperty("factor").GetDouble();
            var enhancer = args.GetProperty("enhancer").GetString() switch
            {
                "Brightness" => ImageEnhance.Brightness(img),
                "Contrast" => ImageEnhance.Contrast(img),
                "Sharpness" => ImageEnhance.Sharpness(img),
                "Color" => ImageEnhance.Color(img),
                var other => throw new ArgumentException(other),
            };
            return enhancer.enhance(factor);
        }), Is.LessThanOrEqualTo(1));

    [Test]
    public void Enhancers_keep_alpha_and_factor_one_is_the_identity()
    {
        var rgba = PilCases.Input("pil/0023_enhance").convert("RGBA");
        rgba.putalpha(PilCases.Input("pil/0023_enhance").convert("L"));
        foreach (var enhancer in new[] { ImageEnhance.Brightness(rgba), ImageEnhance.Contrast(rgba), ImageEnhance.Sharpness(rgba), ImageEnhance.Color(rgba) })
        {
            Assert.That(enhancer.enhance(1.0).Pixels, Is.EqualTo(rgba.Pixels));
            Assert.That(enhancer.enhance(2.5).getchannel("A").Pixels, Is.EqualTo(rgba.getchannel("A").Pixels));
        }
    }

    [Test]
    public void Brightness_zero_is_black_and_blend_refuses_mismatched_images()
    {
        var img = PilCases.Input("pil/0023_enhance");
        Assert.That(ImageEnhance.Brightness(img).enhance(0.0).Pixels, Is.All.EqualTo(0));
        Assert.That(() => Image.blend(img, img.convert("L"), 0.5), Throws.ArgumentException);
    }
}
