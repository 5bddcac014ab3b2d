namespace KerasPort;

/// <summary>
/// Keras's module-level functions, reached as in Python: <c>keras.regularizers.l2(0.001)</c>,
/// <c>keras.preprocessing.image.load_img(path)</c>, <c>keras.utils.to_categorical(y)</c>.
/// Each source file adds its own nested module next to the classes it serves, as TorchSharp
/// does with <c>torch.nn</c>; this file only anchors the partial class.
/// </summary>
public static partial class keras
{
}
