namespace KerasPort.Backend;

/// <summary>
/// The scope that <c>keras.device(name)</c> opens: its device is current until it is disposed,
/// then the device that was current before comes back (also when the scope ends by an exception).
/// </summary>
public sealed class DeviceScope : IDisposable
{
    private Action? _restore;

    internal DeviceScope(string device, Action restore)
    {
        this.device = device;
        _restore = restore;
    }

    /// <summary>The scope's device, as KerasPort names it (<c>"cpu"</c>, <c>"cuda:0"</c>, ...).</summary>
    public string device { get; }

    /// <summary>Makes the previous device current again; a second call does nothing.</summary>
    public void Dispose()
    {
        _restore?.Invoke();
        _restore = null;
    }
}
