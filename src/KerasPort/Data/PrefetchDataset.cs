using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using static TorchSharp.torch;

namespace KerasPort.Data;

/// <summary>
/// tf's <c>PrefetchDataset</c>: a background thread runs the input stages and keeps up to
/// <c>buffer_size</c> elements ready. An error in the input reaches the consumer after the
/// elements made before it; a consumer that stops early stops the thread.
/// </summary>
internal sealed class PrefetchDataset : Dataset
{
    private readonly Dataset _input;
    private readonly long _buffer_size;

    public PrefetchDataset(Dataset input, long buffer_size)
    {
        _input = input;
        _buffer_size = buffer_size;
    }

    private protected override string stage_name => "PrefetchDataset";

    public override long cardinality() => _input.cardinality();

    private protected override ElementSpec compute_spec() => _input.spec;

    private protected override IEnumerable<Tensor[]> iterate()
    {
        if (_buffer_size == 0) return elements(_input);
        return iterate_ahead();
    }

    private IEnumerable<Tensor[]> iterate_ahead()
    {
        using var queue = new BlockingCollection<Tensor[]>((int)Math.Min(_buffer_size, int.MaxValue));
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? error = null;
        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                using var input = elements(_input).GetEnumerator();
                while (!stop.IsCancellationRequested)
                {
                    Tensor[] element;
                    using (var scope = NewDisposeScope())
                    {
                        if (!input.MoveNext()) break;
                        element = hold(input.Current);
                    }
                    try
                    {
                        queue.Add(element, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        dispose(element);
                        break;
                    }
                }
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                queue.CompleteAdding();
            }
        }, TaskCreationOptions.LongRunning);
        try
        {
            foreach (var element in queue.GetConsumingEnumerable()) yield return release(element);
            producer.Wait();
            error?.Throw();
        }
        finally
        {
            stop.Cancel();
            producer.Wait();
            while (queue.TryTake(out var left)) dispose(left);
        }
    }
}
