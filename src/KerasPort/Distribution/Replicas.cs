using KerasPort.Callbacks;
using KerasPort.Metrics;
using KerasPort.Models;
using KerasPort.Utils;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Distribution;

/// <summary>
/// What <c>fit</c>, <c>evaluate</c> and <c>predict</c> do under a <see cref="DataParallel"/>
/// distribution with more than one process; outside one, every step here gives its input back
/// unchanged. Each rank takes its contiguous share of every global batch; one fused sum over the
/// ranks per training step carries the gradients and the rows behind them; metric states are
/// summed when logs are read; predictions are gathered. Every call is a collective: every rank
/// makes the same calls in the same order.
/// </summary>
internal static class Replicas
{
    // Marks an error that every rank raises alike (so no rank waits for another): not a reason to abort the job.
    private const string RaisedOnEveryRank = "KerasPort.Distribution.raised_on_every_rank";

    // The metric states summed over the ranks by the latest training step's reduction, good until the
    // next step starts: the logs read after a step cost no second reduction.
    private static Metric[]? _summed_metrics;
    private static float[]? _summed_states;

    /// <summary>Whether a DataParallel distribution spans more than one process.</summary>
    public static bool active => Mpi.size > 1 && keras.distribution.get_distribution() is not null;

    /// <summary>Whether this rank stays quiet: a rank other than 0 of an active DataParallel job shows no progress.</summary>
    public static bool quiet => active && Mpi.rank != 0;

    /// <summary>
    /// Rank <paramref name="rank"/>'s contiguous share of <paramref name="rows"/> rows over
    /// <paramref name="ranks"/> ranks, as <c>numpy.array_split</c> splits: the first
    /// <c>rows % ranks</c> ranks take one row more (a batch smaller than the ranks leaves the last ones none).
    /// </summary>
    public static (long start, long length) share_of(long rows, int rank, int ranks)
    {
        long each = rows / ranks, extra = rows % ranks;
        return (rank * each + Math.Min(rank, extra), each + (rank < extra ? 1 : 0));
    }

    /// <summary>This rank's share of one global batch (the batch itself when inactive or when the data is sharded already).</summary>
    public static StepData share(StepData step)
    {
        _summed_metrics = null;
        if (!active || !keras.distribution.get_distribution()!.auto_shard_dataset) return step;
        var (start, length) = share_of(step.size, Mpi.rank, Mpi.size);
        return new StepData(step.x.Select(t => t.narrow(0, start, length)).ToArray(),
            step.y?.Select(t => t.narrow(0, start, length)).ToArray(), step.sample_weight?.narrow(0, start, length));
    }

    /// <summary>
    /// The gradients of the global batch from this rank's <paramref name="gradients"/> of the mean
    /// loss over its <paramref name="rows"/> rows: one sum over the ranks of <c>rows * gradient</c>
    /// (with, per weight, whether any rank has a gradient, and the rows themselves), divided by the
    /// global rows. The loss of each rank holds the whole weight penalty, and the row weights add up
    /// to one, so the penalty's gradient counts once. The same sum carries the states of
    /// <paramref name="metrics"/>, for the logs read after the step. Inactive: the gradients as they are.
    /// </summary>
    public static IList<Tensor?> sum_gradients(IList<Tensor?> gradients, long rows, IReadOnlyList<Parameter> trainable, IReadOnlyList<Metric> metrics)
    {
        if (!active) return gradients;
        int n = trainable.Count;
        var states = metrics.SelectMany(m => m.state_sums).ToArray();
        var present = Enumerable.Range(0, n).Select(i => i < gradients.Count && gradients[i] is { IsInvalid: false }).ToArray();
        float[] buffer;
        long total;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            // Every weight's slot, in order: rows * its gradient, or zeros where this rank has none.
            var flat = cat(Enumerable.Range(0, n).Select(i => present[i]
                ? gradients[i]!.detach().to_type(ScalarType.Float32).flatten() * rows
                : zeros(trainable[i].numel(), dtype: ScalarType.Float32, device: trainable[i].device)).ToList()).cpu();
            total = flat.numel();
            buffer = new float[total + n + 1 + states.Length];
            flat.data<float>().CopyTo(buffer.AsSpan(0, (int)total));
        }
        for (int i = 0; i < n; i++) buffer[total + i] = present[i] ? 1 : 0;
        buffer[total + n] = rows;
        states.CopyTo(buffer, total + n + 1);
        var sums = Mpi.sum(buffer);
        _summed_metrics = [.. metrics];
        _summed_states = sums[(int)(total + n + 1)..];
        var result = new Tensor?[n];
        var gradient_sums = tensor(sums.AsSpan(0, (int)total).ToArray()) / sums[total + n];
        long at = 0;
        for (int i = 0; i < n; i++)
        {
            long size = trainable[i].numel();
            if (sums[total + i] > 0)
                result[i] = gradient_sums.narrow(0, at, size).reshape(trainable[i].shape).to(trainable[i].dtype).to(trainable[i].device);
            at += size;
        }
        return result;
    }

    /// <summary>
    /// While the returned scope lives, every metric in <paramref name="metrics"/> holds the sum of
    /// its state over the ranks (so its result is the global one); disposing it puts this rank's
    /// own state back. Null when inactive.
    /// </summary>
    public static IDisposable? summed_states(IReadOnlyList<Metric> metrics)
    {
        if (!active) return null;
        var local = metrics.Select(m => m.state_sums).ToArray();
        var sums = _summed_metrics is not null && _summed_metrics.SequenceEqual(metrics) ? _summed_states! : Mpi.sum(local.SelectMany(s => s).ToArray());
        int at = 0;
        foreach (var (metric, state) in metrics.Zip(local))
        {
            metric.state_sums = sums[at..(at + state.Length)];
            at += state.Length;
        }
        return new StateRestore(metrics, local);
    }

    /// <summary>The outputs of the whole global batch, every rank's share in rank order, from this rank's share.</summary>
    public static Tensor[] gather(Tensor[] outputs)
    {
        if (!active || !keras.distribution.get_distribution()!.auto_shard_dataset) return outputs;
        // Each rank writes its rows into zeros of the whole batch's size and the sum fills every row.
        long mine = outputs[0].shape[0];
        var counts = Mpi.sum(Enumerable.Range(0, Mpi.size).Select(r => r == Mpi.rank ? (int)mine : 0).ToArray());
        long global_rows = counts.Sum(), start = counts.Take(Mpi.rank).Sum();
        var result = new Tensor[outputs.Length];
        for (int i = 0; i < outputs.Length; i++)
        {
            var o = outputs[i];
            long per_row = o.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
            var buffer = new float[global_rows * per_row];
            if (mine > 0)
            {
                using var local = o.detach().to_type(ScalarType.Float32).cpu().contiguous();
                local.data<float>().CopyTo(buffer.AsSpan((int)(start * per_row), (int)(mine * per_row)));
            }
            var whole = Mpi.sum(buffer);
            result[i] = tensor(whole).reshape([global_rows, .. o.shape.Skip(1)]).to(o.dtype).to(o.device);
            o.Dispose();
        }
        return result;
    }

    /// <summary>
    /// The start of a data-parallel <c>fit</c>, after the model and its optimizer are built: the ranks
    /// compare their models and data (an error naming the rank and what differs, on every rank),
    /// then take rank 0's weights and random states, so that they start equal and shuffle alike.
    /// </summary>
    public static void begin_fit(Model model, int num_batches, long? rows, int? batch_size, int epochs, int? steps_per_epoch)
    {
        if (!active) return;
        var lines = describe(model);
        lines.Add($"training rows: {rows?.ToString() ?? "set by the data"}, batches per epoch: {(num_batches == int.MaxValue ? "unknown" : num_batches)}");
        lines.Add($"batch_size: {batch_size?.ToString() ?? "set by the data"}, epochs: {epochs}, steps_per_epoch: {steps_per_epoch?.ToString() ?? "None"}");
        var all = Mpi.gather(string.Join('\n', lines));
        for (int r = 1; r < all.Length; r++)
            if (all[r] != all[0]) throw raised_on_every_rank(new InvalidOperationException(difference(all[0].Split('\n'), all[r].Split('\n'), r)));
        if (batch_size is int b && b < Mpi.size && keras.distribution.get_distribution()!.auto_shard_dataset)
            throw raised_on_every_rank(new ArgumentException(
                $"Invalid value received for argument batch_size. Under DataParallel, batch_size is the global batch, split across the {Mpi.size} processes, so it must be at least {Mpi.size}. Received: batch_size={b}",
                nameof(batch_size)));
        broadcast_weights(model);
        broadcast_random_states();
    }

    /// <summary>
    /// The end of an epoch: the weights that training does not update by gradients (BatchNormalization's
    /// moving statistics, each rank's from its own rows) become their mean over the ranks, so that
    /// every rank validates, saves and ends with the same model.
    /// </summary>
    public static void average_non_trainable(Model model)
    {
        if (!active) return;
        var weights = model.non_trainable_weights.Where(w => w.dtype == ScalarType.Float32).Cast<Tensor>().ToList();
        if (weights.Count == 0) return;
        var sums = Mpi.sum(flatten(weights));
        using var _ = no_grad();
        load(weights, sums.Select(s => s / Mpi.size).ToArray());
    }

    /// <summary>Whether <paramref name="value"/> holds on any rank (this rank's value when inactive).</summary>
    public static bool any(bool value) => active ? Mpi.any(value) : value;

    /// <summary>
    /// The callbacks this rank runs: on ranks other than 0, those that show progress or write files
    /// (progress bars, ModelCheckpoint, CSVLogger, TensorBoard) act on rank 0 only.
    /// </summary>
    public static IEnumerable<Callback>? for_this_rank(IEnumerable<Callback>? callbacks) =>
        !quiet || callbacks is null ? callbacks
            : callbacks.Where(c => c is not (ProgbarLogger or ModelCheckpoint or CSVLogger or TensorBoard));

    /// <summary>
    /// Runs <paramref name="run"/>; under DataParallel, an exception on this rank (other than one every
    /// rank raises alike) ends the job on every rank, naming this rank, so that no rank waits forever.
    /// </summary>
    public static T guard<T>(Func<T> run)
    {
        if (!active) return run();
        try
        {
            return run();
        }
        catch (Exception e) when (!e.Data.Contains(RaisedOnEveryRank))
        {
            Mpi.abort(e);
            throw;
        }
    }

    private static Exception raised_on_every_rank(Exception e)
    {
        e.Data[RaisedOnEveryRank] = true;
        return e;
    }

    // What must agree across ranks: the weights' shapes, dtypes and trainability (layer classes, not
    // names: automatic names depend on what a process built before), and the optimizer's state.
    private static List<string> describe(Model model)
    {
        var lines = new List<string> { $"model: {model.GetType().Name}" };
        var trainable = new HashSet<Tensor>(model.trainable_weights, ReferenceEqualityComparer.Instance);
        int i = 0;
        foreach (var w in model.variables)
            lines.Add($"weight {i++} ({w.name}): shape {PythonFormat.tuple(w.variable.shape)}, {w.variable.dtype.ToString().ToLowerInvariant()}, {(trainable.Contains(w.variable) ? "trainable" : "non-trainable")}");
        lines.Add($"optimizer: {model.optimizer?.GetType().Name ?? "none"}, iterations {model.optimizer?.iterations ?? 0}");
        return lines;
    }

    private static string difference(string[] first, string[] other, int rank)
    {
        for (int i = 0; i < Math.Max(first.Length, other.Length); i++)
        {
            string? a = i < first.Length ? first[i] : null, b = i < other.Length ? other[i] : null;
            if (a == b) continue;
            return $"DataParallel: rank {rank} differs from rank 0, so no rank starts training. " +
                $"Rank {rank} has {b ?? "nothing more"}; rank 0 has {a ?? "nothing more"}. " +
                "Every rank must build the same model, compile it alike and pass data of the same size.";
        }
        return $"DataParallel: rank {rank} differs from rank 0.";
    }

    private static void broadcast_weights(Model model)
    {
        var weights = model.variables.Select(w => (Tensor)w.variable).Where(v => v.dtype == ScalarType.Float32).ToList();
        if (weights.Count == 0) return;
        var values = flatten(weights);
        Mpi.broadcast(values);
        using var _ = no_grad();
        load(weights, values);
    }

    // torch's global generator (shuffles of arrays), Python's random (the batch order of a Sequence)
    // and numpy's (ImageDataGenerator's index order) as rank 0 has them: the ranks shuffle alike.
    private static void broadcast_random_states()
    {
        using (var torch_state = torch.random.get_rng_state())
        {
            var bytes = torch_state.data<byte>().ToArray();
            Mpi.broadcast(bytes);
            using var agreed = tensor(bytes, dtype: ScalarType.Byte);
            torch.random.set_rng_state(agreed);
        }
        PythonRandom.Global.setstate(broadcast(PythonRandom.Global.getstate()));
        RandomState.Global.set_state(broadcast(RandomState.Global.get_state()));
    }

    private static (uint[] key, int pos) broadcast((uint[] key, int pos) state)
    {
        uint[] values = [.. state.key, (uint)state.pos];
        Mpi.broadcast(values);
        return (values[..^1], (int)values[^1]);
    }

    private static float[] flatten(IReadOnlyList<Tensor> tensors)
    {
        var values = new float[tensors.Sum(t => t.numel())];
        long at = 0;
        foreach (var t in tensors)
        {
            using var host = t.detach().cpu().contiguous();
            host.data<float>().CopyTo(values.AsSpan((int)at, (int)t.numel()));
            at += t.numel();
        }
        return values;
    }

    private static void load(IReadOnlyList<Tensor> tensors, float[] values)
    {
        long at = 0;
        foreach (var t in tensors)
        {
            using var source = tensor(values.AsSpan((int)at, (int)t.numel()).ToArray()).reshape(t.shape);
            t.copy_(source);
            at += t.numel();
        }
    }

    private sealed class StateRestore(IReadOnlyList<Metric> metrics, float[][] local) : IDisposable
    {
        public void Dispose()
        {
            for (int i = 0; i < metrics.Count; i++) metrics[i].state_sums = local[i];
        }
    }
}
