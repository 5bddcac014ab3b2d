namespace KerasPort.Tests.TestSupport;

/// <summary>Base of the tests that write files: each test gets a new empty folder, removed with its content after the test.</summary>
public abstract class TempDirectoryTest
{
    private string? _dir;

    /// <summary>The current test's folder.</summary>
    protected string dir => _dir ?? throw new InvalidOperationException("The folder exists only while a test runs.");

    [SetUp]
    public void MakeDirectory() =>
        Directory.CreateDirectory(_dir = Path.Combine(Path.GetTempPath(), $"kp-{GetType().Name}-{Guid.NewGuid():N}"));

    [TearDown]
    public void RemoveDirectory()
    {
        if (_dir is null) return;
        Directory.Delete(_dir, recursive: true);
        _dir = null;
    }
}
