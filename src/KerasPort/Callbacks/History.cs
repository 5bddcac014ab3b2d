namespace KerasPort.Callbacks;

/// <summary>
/// Records the logs of every epoch: <c>history.history["val_loss"]</c> is the per-epoch list and
/// <see cref="epoch"/> the epoch numbers, as Keras's <c>History</c> that <c>fit</c> returns.
/// </summary>
public sealed class History : Callback
{
    /// <summary>Per-metric lists of epoch values, keys in the order Keras logs them.</summary>
    public Dictionary<string, List<double>> history { get; } = new();

    /// <summary>The 0-based numbers of the epochs recorded.</summary>
    public List<int> epoch { get; } = new();

    /// <inheritdoc/>
    public override void on_train_begin(IDictionary<string, double>? logs = null) => epoch.Clear();

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null)
    {
        this.epoch.Add(epoch);
        foreach (var (key, value) in logs ?? new Dictionary<string, double>())
        {
            if (!history.TryGetValue(key, out var values)) history[key] = values = new List<double>();
            values.Add(value);
        }
    }
}
