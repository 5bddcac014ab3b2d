using System.Diagnostics;

namespace KerasPort.Tests.TestSupport;

/// <summary>
/// Runs one case of tests/KerasPort.StressHost in a child process (<c>dotnet KerasPort.StressHost.dll CASE ...</c>),
/// so that a crash (SIGSEGV, an abort in libtorch, the OOM killer) fails the test instead of
/// taking the test host down. The host prints <c>RESULT ok</c> or <c>RESULT Type: message</c> and
/// its peak resident memory.
/// </summary>
internal sealed record ChildProcess(int exit_code, string? result, long peak_rss_mb, string output, TimeSpan elapsed)
{
    public static ChildProcess run(TimeSpan timeout, params string[] args)
    {
        string host = Path.Combine(TestContext.CurrentContext.TestDirectory, "KerasPort.StressHost.dll");
        var (exit_code, output, elapsed) = execute("dotnet", [host, .. args], timeout);
        var lines = output.Split('\n');
        string? result = lines.FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))?["RESULT ".Length..].Trim();
        string? peak = lines.FirstOrDefault(l => l.StartsWith("PEAK_RSS_MB ", StringComparison.Ordinal))?["PEAK_RSS_MB ".Length..].Trim();
        return new ChildProcess(exit_code, result, peak is null ? -1 : long.Parse(peak), output, elapsed);
    }

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="args"/> and returns its exit code, its
    /// standard output then standard error, and how long it ran; fails the test (after killing the
    /// process tree) if it still runs after <paramref name="timeout"/>.
    /// </summary>
    public static (int exit_code, string output, TimeSpan elapsed) execute(string program, IEnumerable<string> args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{program} {string.Join(' ', info.ArgumentList)} still ran after {timeout.TotalSeconds} s. Output: {stdout.Result}{stderr.Result}");
        }
        return (process.ExitCode, stdout.Result + stderr.Result, clock.Elapsed);
    }

    /// <summary>Asserts that the child exited normally with a result starting with <paramref name="expected"/>; returns the result.</summary>
    public string expect(string expected)
    {
        Assert.That(exit_code, Is.EqualTo(0), $"the child process crashed (exit code {exit_code}); its output:\n{output}");
        Assert.That(result, Does.StartWith(expected), output);
        return result!;
    }
}
