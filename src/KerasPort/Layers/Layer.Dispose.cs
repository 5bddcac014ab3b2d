namespace KerasPort.Layers;

// Native memory: a layer owns its weights (libtorch tensors) and releases them deterministically.
public abstract partial class Layer : IDisposable
{
    /// <summary>True once <see cref="Dispose()"/> has released the layer's weights.</summary>
    public bool disposed { get; private set; }

    /// <summary>
    /// Releases the native memory of the layer's weights now, instead of when the garbage collector
    /// finalizes them. The layer cannot be used afterwards. A model disposes its layers.
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
    /// Releases what the layer owns: its weights, the penalties of its latest call, and its
    /// sublayers (a model's layers, the layers a subclass holds), each once. A subclass that owns
    /// more (a model's optimizer) overrides this and calls the base.
    /// </summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposed) return;
        disposed = true;
        if (!disposing) return;
        foreach (var weight in _weights) weight.variable.Dispose();
        clear_losses();
        foreach (var layer in tracked_layers) layer.Dispose();
    }
}
