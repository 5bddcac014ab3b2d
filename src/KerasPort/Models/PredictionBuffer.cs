using KerasPort.Backend;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Models;

/// <summary>
/// The outputs of <c>predict</c>, batch by batch, on the host (the CPU). Where the number of rows is known (in-memory
/// arrays), the first batch's outputs set the arrays of the full length and every batch is copied
/// into its rows, instead of keeping each batch and concatenating them at the end; a prediction of
/// one batch is that batch's outputs as they are. Otherwise (a Sequence or a dataset, or outputs
/// that do not have one row per input row) the batches are kept and concatenated, as Keras does.
/// </summary>
internal sealed class PredictionBuffer : IDisposable
{
    private readonly long? _rows;
    private Tensor[]? _filled;
    private long _filled_rows;
    private List<Tensor>[]? _kept;
    private bool _taken;

    /// <param name="rows">The rows the whole prediction will have; null when not known.</param>
    public PredictionBuffer(long? rows) => _rows = rows;

    /// <summary>
    /// Takes the outputs of one batch of <paramref name="rows"/> input rows, computed in the step's
    /// dispose scope <paramref name="step"/>: what must outlive the step moves to the enclosing scope.
    /// </summary>
    public void add(Tensor[] outputs, long rows, DisposeScope step)
    {
        if (_filled is null && _kept is null)
        {
            if (_rows is not long total || total == rows || !outputs.All(o => has_rows(o, rows)))
            {
                keep(outputs, step);
                return;
            }
            _filled = outputs.Select(o => empty([total, .. TensorShape.of(o)[1..]], o.dtype).MoveToOuterDisposeScope()).ToArray();
        }
        if (_filled is not null && _filled_rows + rows <= _rows && outputs.Zip(_filled, (o, f) => fits(o, f, rows)).All(fit => fit))
        {
            for (int i = 0; i < outputs.Length; i++) _filled[i].narrow(0, _filled_rows, rows).copy_(outputs[i]);
            _filled_rows += rows;
            return;
        }
        // A batch that does not stack as rows: what is filled so far becomes the first kept batch.
        if (_filled is not null)
        {
            _kept = _filled.Select(f => new List<Tensor> { f.narrow(0, 0, _filled_rows).MoveToOuterDisposeScope() }).ToArray();
            foreach (var f in _filled) f.Dispose();
            _filled = null;
        }
        keep(outputs, step);
    }

    /// <summary>One array per output: the filled arrays, the only batch, or the kept batches concatenated.</summary>
    public Tensor[] result()
    {
        _taken = true;
        if (_filled is not null) return _filled;
        if (_kept is null) throw new ArgumentException("predict received no batch: the input is empty or steps is 0.", "x");
        if (_kept[0].Count == 1) return _kept.Select(k => k[0]).ToArray();
        _taken = false;
        var result = _kept.Select(k => cat(k, 0)).ToArray();
        Dispose();
        return result;
    }

    /// <summary>Frees what was collected, unless it was handed out.</summary>
    public void Dispose()
    {
        if (_taken) return;
        _taken = true;
        foreach (var f in _filled ?? []) f.Dispose();
        foreach (var t in _kept?.SelectMany(k => k) ?? []) t.Dispose();
    }

    private static bool has_rows(Tensor output, long rows) => output.dim() > 0 && output.size(0) == rows;

    private static bool fits(Tensor output, Tensor filled, long rows) =>
        has_rows(output, rows) && output.dtype == filled.dtype && TensorShape.of(output).AsSpan(1).SequenceEqual(TensorShape.of(filled).AsSpan(1));

    /// <summary>
    /// Keeps a batch's outputs past the step. An output the step made moves out of its scope; any
    /// other (the input itself, from a model that returns it, or an output given twice) is handed
    /// out as a view of its own, so that disposing one array never disposes another tensor.
    /// </summary>
    private void keep(Tensor[] outputs, DisposeScope step)
    {
        _kept ??= outputs.Select(_ => new List<Tensor>()).ToArray();
        for (int i = 0; i < outputs.Length; i++)
        {
            bool own = step.Contains(outputs[i]) && !outputs.Take(i).Any(earlier => ReferenceEquals(earlier, outputs[i]));
            var output = own ? outputs[i] : outputs[i].detach();
            _kept[i].Add(Devices.to_host(output).MoveToOuterDisposeScope());
        }
    }
}
