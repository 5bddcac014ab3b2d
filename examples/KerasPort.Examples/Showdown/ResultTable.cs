using System.Globalization;
using System.Text;

namespace KerasPort.Examples.Showdown;

/// <summary>Prints the showdown's runs as one row per variant: means over the seeds.</summary>
public static class ResultTable
{
    public static string Format(string title, IEnumerable<RunResult> runs)
    {
        var text = new StringBuilder();
        text.AppendLine(title);
        text.AppendLine($"{"variant",-22} {"seeds",5} {"train acc",10} {"val acc",10} {"gap",8} {"epochs",8}");
        text.AppendLine(new string('-', 68));
        foreach (var group in runs.GroupBy(r => r.variant))
        {
            var rows = group.ToList();
            text.AppendLine(string.Format(CultureInfo.InvariantCulture,
                "{0,-22} {1,5} {2,10:F3} {3,10:F3} {4,8:F3} {5,8:F1}",
                group.Key, rows.Count, rows.Average(r => r.train_accuracy), rows.Average(r => r.val_accuracy),
                rows.Average(r => r.gap), rows.Average(r => r.epochs_run)));
        }
        return text.ToString();
    }
}
