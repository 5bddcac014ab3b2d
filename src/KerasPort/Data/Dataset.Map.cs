using static TorchSharp.torch;

namespace KerasPort.Data;

public abstract partial class Dataset
{
    /// <summary>
    /// tf.data's <c>map(lambda x: ...)</c> on one-component elements. With
    /// <paramref name="num_parallel_calls"/> (a count, or <see cref="AUTOTUNE"/> for one per core)
    /// the function runs on several elements at once and the order is kept; it must then be safe
    /// to call from several threads.
    /// </summary>
    public Dataset map(Func<Tensor, Tensor> map_func, int? num_parallel_calls = null)
    {
        ArgumentNullException.ThrowIfNull(map_func);
        return new MapDataset(this, e => [map_func(arity(e, 1)[0])], false, num_parallel_calls);
    }

    /// <summary>tf.data's <c>map(lambda x: (a, b))</c>: one component in, two out.</summary>
    public Dataset map(Func<Tensor, (Tensor, Tensor)> map_func, int? num_parallel_calls = null)
    {
        ArgumentNullException.ThrowIfNull(map_func);
        return new MapDataset(this, e => pair(map_func(arity(e, 1)[0])), true, num_parallel_calls);
    }

    /// <summary>
    /// tf.data's <c>map(lambda x, y: (a, b))</c>: the two components of each element are the two
    /// arguments, as tf.data unpacks a tuple, e.g. <c>ds.map((x, y) =&gt; (x, y.unsqueeze(-1)))</c>.
    /// </summary>
    public Dataset map(Func<Tensor, Tensor, (Tensor, Tensor)> map_func, int? num_parallel_calls = null)
    {
        ArgumentNullException.ThrowIfNull(map_func);
        return new MapDataset(this, e => pair(map_func(arity(e, 2)[0], e[1])), true, num_parallel_calls);
    }

    /// <summary>tf.data's <c>map(lambda x, y: z)</c>: two components in, one out.</summary>
    public Dataset map(Func<Tensor, Tensor, Tensor> map_func, int? num_parallel_calls = null)
    {
        ArgumentNullException.ThrowIfNull(map_func);
        return new MapDataset(this, e => [map_func(arity(e, 2)[0], e[1])], false, num_parallel_calls);
    }

    /// <summary>tf.data's <c>map(lambda x, y, w: (a, b, c))</c>: three components in and out.</summary>
    public Dataset map(Func<Tensor, Tensor, Tensor, (Tensor, Tensor, Tensor)> map_func, int? num_parallel_calls = null)
    {
        ArgumentNullException.ThrowIfNull(map_func);
        return new MapDataset(this, e =>
        {
            var (a, b, c) = map_func(arity(e, 3)[0], e[1], e[2]);
            return [a, b, c];
        }, true, num_parallel_calls);
    }

    /// <summary>
    /// tf.data's <c>map(pack_row)</c> for <c>def pack_row(*row)</c>: every component of the element
    /// in one array, e.g. a method <c>(Tensor, Tensor) pack_row(params Tensor[] row)</c>.
    /// </summary>
    public Dataset map(Func<Tensor[], (Tensor, Tensor)> map_func, int? num_parallel_calls = null)
    {
        ArgumentNullException.ThrowIfNull(map_func);
        return new MapDataset(this, e => pair(map_func(e)), true, num_parallel_calls);
    }

    private static Tensor[] pair((Tensor, Tensor) t) => [t.Item1, t.Item2];
}
