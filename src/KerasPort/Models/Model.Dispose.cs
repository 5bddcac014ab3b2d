namespace KerasPort.Models;

// Native memory: a model owns its layers' weights and its optimizer's state.
public abstract partial class Model : IDisposable
{
    /// <summary>True once <see cref="Dispose()"/> has released the model's native memory.</summary>
    public bool disposed { get; private set; }

    /// <summary>
    /// Releases the native memory of every layer's weights and of the optimizer's variables now,
    /// instead of when the garbage collector finalizes them; the model cannot be used afterwards.
    /// Models loaded or built in a loop should be disposed (or held in a <c>using</c>).
    /// </summary>
    /// <example><code>
    /// using var model = keras.models.load_model("model.keras");
    /// var y = model.predict(x);
    /// </code></example>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Disposes the layers (each once), then the optimizer when it is disposable. A subclass that
    /// owns more overrides this and calls the base.
    /// </summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed) return;
        disposed = true;
        if (!disposing) return;
        foreach (var layer in layers.Distinct()) layer.Dispose();
        (optimizer as IDisposable)?.Dispose();
    }
}
