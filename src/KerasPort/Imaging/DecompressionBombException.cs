namespace KerasPort.Imaging;

/// <summary>
/// PIL's <c>DecompressionBombError</c>: the file's header claims more pixels than
/// <see cref="Image.MAX_IMAGE_PIXELS"/> allows, so it is refused before decoding.
/// </summary>
/// <param name="message">What was refused: the image's size and the limit.</param>
public sealed class DecompressionBombException(string message) : IOException(message);
