using KerasPort.Callbacks;
using KerasPort.Preprocessing.Image;

namespace KerasPort.Tests.TestSupport;

/// <summary>
/// Collects what a static warnings writer (Callback's, ImageDataGenerator's) receives while it
/// lives, and puts the previous writer back when disposed.
/// </summary>
internal sealed class CapturedWarnings : IDisposable
{
    private readonly StringWriter _writer = new();
    private readonly TextWriter? _previous;
    private readonly Action<TextWriter?> _set;

    private CapturedWarnings(TextWriter? previous, Action<TextWriter?> set)
    {
        _previous = previous;
        _set = set;
        set(_writer);
    }

    public static CapturedWarnings of_callbacks() => new(Callback.warnings_writer, w => Callback.warnings_writer = w);

    public static CapturedWarnings of_image_data_generator() => new(ImageDataGenerator.warnings_writer, w => ImageDataGenerator.warnings_writer = w);

    /// <summary>Everything written so far.</summary>
    public string text => _writer.ToString();

    /// <summary>The warnings written so far, one a line, without Python's "UserWarning: " prefix.</summary>
    public string[] lines() => _writer.ToString()
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(l => l.TrimEnd('\r'))
        .Select(l => l.StartsWith("UserWarning: ", StringComparison.Ordinal) ? l["UserWarning: ".Length..] : l)
        .ToArray();

    /// <summary><see cref="lines"/>, then forgets them, so that the next call sees only newer warnings.</summary>
    public string[] take()
    {
        var result = lines();
        _writer.GetStringBuilder().Clear();
        return result;
    }

    public void Dispose()
    {
        _set(_previous);
        _writer.Dispose();
    }
}
