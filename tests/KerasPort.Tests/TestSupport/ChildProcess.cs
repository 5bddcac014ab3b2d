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
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(host);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"{string.Join(' ', args)} still ran after {timeout.TotalSeconds} s. Output: {stdout.Result}{stderr.Result}");
        }
        string output = stdout.Result + stderr.Result;
        var lines = output.Split('\n');
        string? result = lines.FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))?["RESULT ".Length..].Trim();
        string? peak = lines.FirstOrDefault(l => l.StartsWith("PEAK_RSS_MB ", StringComparison.Ordinal))?["PEAK_RSS_MB ".Length..].Trim();
        return new ChildProcess(process.ExitCode, result, peak is null ? -1 : long.Parse(peak), output, clock.Elapsed);
    }

    /// <summary>Asserts that the child exited normally with a result starting with <paramref name="expected"/>; returns the result.</summary>
    public string expect(string expected)
    {
        Assert.That(exit_code, Is.EqualTo(0), $"the child process crashed (exit code {exit_code}); its output:\n{output}");
        Assert.That(result, Does.StartWith(expected), output);
        return result!;
    }
}
