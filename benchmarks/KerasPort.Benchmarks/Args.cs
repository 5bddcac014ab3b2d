namespace KerasPort.Benchmarks;

/// <summary>The benchmarks' <c>--name value</c> options.</summary>
internal static class Args
{
    public static int get(string[] args, string name, int fallback) =>
        text(args, name) is string value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    public static string get(string[] args, string name, string fallback) => text(args, name) ?? fallback;

    /// <summary>An option without a default (a path of the machine it runs on): its absence is an error that says what to pass.</summary>
    public static string required(string[] args, string name, string what) =>
        text(args, name) ?? throw new ArgumentException($"Missing option {name}: {what}.", name);

    private static string? text(string[] args, string name)
    {
        int at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
