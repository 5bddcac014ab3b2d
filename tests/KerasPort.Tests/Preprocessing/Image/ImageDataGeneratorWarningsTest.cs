namespace KerasPort.Tests.Preprocessing.Image;

/// <summary>Base of the ImageDataGenerator tests that check its warnings: each test captures them afresh.</summary>
public abstract class ImageDataGeneratorWarningsTest
{
    private CapturedWarnings? _warnings;

    /// <summary>The warnings of the current test.</summary>
    private protected CapturedWarnings warnings => _warnings ?? throw new InvalidOperationException("Warnings are captured only while a test runs.");

    [SetUp]
    public void CaptureWarnings() => _warnings = CapturedWarnings.of_image_data_generator();

    [TearDown]
    public void ReleaseWarnings()
    {
        _warnings?.Dispose();
        _warnings = null;
    }
}
