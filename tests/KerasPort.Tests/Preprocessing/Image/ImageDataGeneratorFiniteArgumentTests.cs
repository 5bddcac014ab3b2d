using KerasPort.Preprocessing.Image;

namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>
/// Issue 11, item 8: every numeric ImageDataGenerator argument is checked at construction, naming
/// the argument (Keras accepts NaN and infinity, then fails or yields NaN at the first batch).
/// </summary>
public sealed class ImageDataGeneratorFiniteArgumentTests
{
    private static readonly double[] Bad = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (double v in Bad)
        {
            yield return new TestCaseData("rotation_range", (Func<ImageDataGenerator>)(() => new ImageDataGenerator(rotation_range: v)));
            yield return new TestCaseData("width_shift_range", (Func<ImageDataGenerator>)(() => new ImageDataGenerator(width_shift_range: v)));
            yield return new TestCaseData("height_shift_range", (Func<ImageDataGenerator>)(() => new ImageDataGenerator(height_shift_range: new[] { 1.0, v })));
            yield return new TestCaseData("shear_range", (Func<ImageDataGenerator>)(() => new ImageDataGenerator(shear_range: v)));
            yield return new TestCaseData("zoom_range", (Func<ImageDataGenerator>)(() => new ImageDataGenerator(zoom_range: v)));
            yield return new TestCaseData("zoom_range", (Func<ImageDataGenerator>)(() => new ImageDataGenerator(zoom_range: new[] { 0.5, v })));
            yield return new TestCaseData("channel_shift_range", (Func<ImageDataGenerator>)(() => new ImageDataGenerator(channel_shift_range: v)));
            yield return new TestCaseData("brightness_range", (Func<ImageDataGenerator>)(() => new ImageDataGenerator(brightness_range: [0.5, v])));
            yield return new TestCaseData("cval", (Func<ImageDataGenerator>)(() => new ImageDataGenerator(cval: v)));
            yield return new TestCaseData("rescale", (Func<ImageDataGenerator>)(() => new ImageDataGenerator(rescale: v)));
            yield return new TestCaseData("zca_epsilon", (Func<ImageDataGenerator>)(() => new ImageDataGenerator(zca_epsilon: v)));
            yield return new TestCaseData("validation_split", (Func<ImageDataGenerator>)(() => new ImageDataGenerator(validation_split: v)));
        }
        yield return new TestCaseData("zca_epsilon", (Func<ImageDataGenerator>)(() => new ImageDataGenerator(zca_epsilon: -1e-6)));
    }

    [TestCaseSource(nameof(Cases))]
    public void Non_finite_arguments_are_refused_naming_the_argument(string argument, Func<ImageDataGenerator> make)
    {
        var e = Assert.Throws<ArgumentException>(() => make());
        Assert.That(e!.ParamName, Is.EqualTo(argument));
        Assert.That(e.Message, Does.Contain(argument));
    }

    [Test]
    public void Finite_and_integer_arguments_stay_accepted()
    {
        Assert.DoesNotThrow(() => new ImageDataGenerator(rotation_range: -40, width_shift_range: 5, height_shift_range: new[] { -2, 2 },
            shear_range: 0.2, zoom_range: new[] { 0.5, 1.5 }, channel_shift_range: 10, brightness_range: [0.5, 1.5],
            cval: -1, rescale: 0.0, zca_epsilon: 0.0));
    }
}
