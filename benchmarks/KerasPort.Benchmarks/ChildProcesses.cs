using System.Diagnostics;

namespace KerasPort.Benchmarks;

/// <summary>The measurements that run in other processes: a launcher around this benchmark, and a run to its end.</summary>
internal static class ChildProcesses
{
    /// <summary>
    /// <paramref name="self"/> (this benchmark in another mode) started through <paramref name="launcher"/>
    /// (taskset, mpiexec) with the launcher's own arguments first.
    /// </summary>
    public static ProcessStartInfo launched_by(string launcher, IEnumerable<string> launcher_arguments, ProcessStartInfo self)
    {
        var start = new ProcessStartInfo(launcher) { UseShellExecute = false };
        foreach (string a in (string[])[.. launcher_arguments, self.FileName, .. self.ArgumentList]) start.ArgumentList.Add(a);
        return start;
    }

    /// <summary>
    /// Runs <paramref name="start"/> to its end and gives its standard output and error; a non-zero exit
    /// is an error naming <paramref name="what"/> with both.
    /// </summary>
    public static (string stdout, string stderr) run_to_end(ProcessStartInfo start, string what)
    {
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {what}");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{what} failed ({process.ExitCode}):\n{stdout}\n{stderr.Result}");
        return (stdout, stderr.Result);
    }
}
