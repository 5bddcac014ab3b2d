namespace KerasPort.Examples.Showdown;

/// <summary>Learning-curve plots (ScottPlot 5): loss and val_loss per epoch for each variant.</summary>
public static class LearningCurves
{
    /// <summary>Writes one PNG with a loss and a val_loss line per variant (first seed of each); returns its path.</summary>
    public static string Plot(string title, IEnumerable<RunResult> runs, string path)
    {
        var plot = new ScottPlot.Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int colour = 0;
        foreach (var run in runs.GroupBy(r => r.variant).Select(g => g.First()))
        {
            var color = palette.GetColor(colour++);
            double[] epochs = Enumerable.Range(1, run.loss.Count).Select(e => (double)e).ToArray();
            var train = plot.Add.Scatter(epochs, run.loss.ToArray(), color);
            train.LegendText = run.variant + " loss";
            train.MarkerSize = 0;
            var validation = plot.Add.Scatter(epochs, run.val_loss.ToArray(), color);
            validation.LegendText = run.variant + " val_loss";
            validation.MarkerSize = 0;
            validation.LinePattern = ScottPlot.LinePattern.Dashed;
        }
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.ShowLegend(ScottPlot.Edge.Right);
        plot.SavePng(path, 1100, 600);
        return path;
    }
}
