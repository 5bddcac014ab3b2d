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
            if (_rows is not long total || total == rows || !all_have_rows(outputs, rows))
            {
                keep(outputs, step);
                return;
            }
            _filled = new Tensor[outputs.Length];
            for (int i = 0; i < outputs.Length; i++)
                _filled[i] = empty([total, .. TensorShape.of(outputs[i])[1..]], outputs[i].dtype).MoveToOuterDisposeScope();
        }
        if (_filled is not null && _filled_rows + rows <= _rows && all_fit(outputs, _filled, rows))
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
        if (_kept[0].Count == 1)
        {
            var only = new Tensor[_kept.Length];
            for (int i = 0; i < only.Length; i++) only[i] = _kept[i][0];
            return only;
        }
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

    // Loops, not LINQ, here and below: they run at every batch.
    private static bool all_have_rows(Tensor[] outputs, long rows)
    {
        foreach (var o in outputs) if (!has_rows(o, rows)) return false;
        return true;
    }

    private static bool all_fit(Tensor[] outputs, Tensor[] filled, long rows)
    {
        for (int i = 0; i < outputs.Length; i++) if (!fits(outputs[i], filled[i], rows)) return false;
        return true;
    }

    /// <summary>Whether <paramref name="output"/> has <paramref name="rows"/> rows of the filled array's dtype and sample shape, read axis by axis.</summary>
    private static bool fits(Tensor output, Tensor filled, long rows)
    {
        long axes = output.dim();
        if (axes == 0 || output.size(0) != rows || output.dtype != filled.dtype || axes != filled.dim()) return false;
        for (int axis = 1; axis < axes; axis++) if (output.size(axis) != filled.size(axis)) return false;
        return true;
    }

    /// <summary>
    /// Keeps a batch's outputs past the step. An output the step made moves out of its scope; any
    /// other (the input itself, from a model that returns it, or an output given twice) is handed
    /// out as a view of its own, so that disposing one array never disposes another tensor.
    /// </summary>
    private void keep(Tensor[] outputs, DisposeScope step)
    {
        if (_kept is null)
        {
            _kept = new List<Tensor>[outputs.Length];
            for (int i = 0; i < outputs.Length; i++) _kept[i] = new List<Tensor>(1);
        }
        for (int i = 0; i < outputs.Length; i++)
        {
            bool own = step.Contains(outputs[i]) && first_time(outputs, i);
            var output = own ? outputs[i] : outputs[i].detach();
            _kept[i].Add(Devices.to_host(output).MoveToOuterDisposeScope());
        }
    }

    private static bool first_time(Tensor[] outputs, int i)
    {
        for (int earlier = 0; earlier < i; earlier++) if (ReferenceEquals(outputs[earlier], outputs[i])) return false;
        return true;
    }
}
