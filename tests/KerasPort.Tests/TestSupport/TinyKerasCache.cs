using KerasPort.Data;
using KerasPort.Data.Datasets;

namespace KerasPort.Tests.TestSupport;

/// <summary>
/// For the keras.datasets tests: KERAS_HOME pointed at a test's folder, the real files' hashes not
/// asked (no tiny stand-in can have them), and get_file's messages silenced; all restored on Dispose.
/// </summary>
internal sealed class TinyKerasCache : IDisposable
{
    private readonly string? _previous_home = Environment.GetEnvironmentVariable("KERAS_HOME");

    public TinyKerasCache(string keras_home)
    {
        Environment.SetEnvironmentVariable("KERAS_HOME", keras_home);
        DatasetFiles.verify_hashes = false;
        IoUtils.stdout = TextWriter.Null;
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("KERAS_HOME", _previous_home);
        DatasetFiles.verify_hashes = true;
        IoUtils.stdout = null;
    }
}
