namespace KerasPort.Examples.Showdown;

/// <summary>What one training run of the showdown measured.</summary>
public sealed record RunResult(
    string variant,
    long seed,
    double train_accuracy,
    double val_accuracy,
    int epochs_run,
    IReadOnlyList<double> loss,
    IReadOnlyList<double> val_loss)
{
    public double gap => train_accuracy - val_accuracy;
}
