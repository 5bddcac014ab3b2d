namespace KerasPort.Data;

/// <summary>Keras's <c>io_utils.print_msg</c> for get_file and the dataset utilities: messages on stdout.</summary>
internal static class IoUtils
{
    /// <summary>Where the messages go; null means <see cref="Console.Out"/>.</summary>
    public static TextWriter? stdout;

    /// <summary>Writes <paramref name="message"/> and a line break, then flushes, as Keras's <c>print_msg</c>.</summary>
    public static void print_msg(string message)
    {
        var writer = stdout ?? Console.Out;
        writer.Write(message + "\n");
        writer.Flush();
    }
}
