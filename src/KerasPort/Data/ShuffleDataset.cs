using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Data;

/// <summary>
/// tf's <c>ShuffleDataset</c>: a buffer of <c>buffer_size</c> elements; each output is a uniformly
/// chosen element of the buffer, whose place the next input element takes. The generator is
/// numpy's MT19937 (<see cref="RandomState"/>), seeded per iteration from the dataset's seed.
/// </summary>
internal sealed class ShuffleDataset : Dataset
{
    private readonly Dataset _input;
    private readonly long _buffer_size;
    private readonly long _seed;
    private readonly bool _reshuffle_each_iteration;
    private readonly RandomState _iteration_seeds;

    public ShuffleDataset(Dataset input, long buffer_size, long? seed, bool reshuffle_each_iteration)
    {
        _input = input;
        _buffer_size = buffer_size;
        // Without a seed, as tf without one, the order differs from run to run; torch's global
        // generator picks it, so keras.utils.set_random_seed makes it repeatable.
        long s = seed ?? randint(0, int.MaxValue, [1], dtype: ScalarType.Int64).item<long>();
        _seed = (long)((ulong)s % ((ulong)uint.MaxValue + 1));
        _reshuffle_each_iteration = reshuffle_each_iteration;
        _iteration_seeds = new RandomState(_seed);
    }

    private protected override string stage_name => "ShuffleDataset";

    public override long cardinality() => _input.cardinality();

    private protected override ElementSpec compute_spec() => _input.spec;

    private protected override IEnumerable<Tensor[]> iterate()
    {
        // Every iteration after the first draws a new order when reshuffling, the same order otherwise.
        var rng = new RandomState(_reshuffle_each_iteration ? _iteration_seeds.randint(0, (long)uint.MaxValue + 1) : _seed);
        var buffer = new List<Tensor[]>();
        using var input = elements(_input).GetEnumerator();
        try
        {
            bool more = true;
            while (more && buffer.Count < _buffer_size)
            {
                more = input.MoveNext();
                if (more) buffer.Add(hold(input.Current));
            }
            while (buffer.Count > 0)
            {
                int j = (int)rng.randint(0, buffer.Count);
                var chosen = buffer[j];
                if (more && (more = input.MoveNext())) buffer[j] = hold(input.Current);
                else
                {
                    buffer[j] = buffer[^1];
                    buffer.RemoveAt(buffer.Count - 1);
                }
                yield return release(chosen);
            }
        }
        finally
        {
            foreach (var element in buffer) dispose(element);
        }
    }
}
