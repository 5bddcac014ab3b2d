using KerasPort.Data;

namespace KerasPort.Tests.Data;

/// <summary>
/// tf.data's semantics as KerasPort's Dataset keeps them: the translatable parts of TensorFlow's
/// dataset tests (batch_test, take_test, skip_test, repeat_test, shuffle_test, zip_test,
/// concatenate_test, filter_test, cache_test, prefetch_test, map_test, cardinality_test).
/// </summary>
public sealed class DatasetTests : TempDirectoryTest
{
    private static long[] values(Dataset ds) => ds.Select(e => e[0].item<long>()).ToArray();

    private static Dataset range(long n) => Dataset.from_tensor_slices(arange(n, dtype: ScalarType.Int64));

    [Test]
    public void FromTensorSlicesGivesRowsAndDeconstructs()
    {
        var x = arange(12, dtype: ScalarType.Float32).reshape(4, 3);
        var y = tensor(new long[] { 0, 1, 0, 1 });
        var ds = Dataset.from_tensor_slices((x, y));
        Assert.That(ds.cardinality(), Is.EqualTo(4));
        int i = 0;
        foreach (var (xi, yi) in ds)
        {
            Assert.That(xi.shape, Is.EqualTo(new long[] { 3 }));
            Assert.That(xi.data<float>().ToArray(), Is.EqualTo(new float[] { 3 * i, 3 * i + 1, 3 * i + 2 }));
            Assert.That(yi.item<long>(), Is.EqualTo(i % 2));
            i++;
        }
        Assert.That(i, Is.EqualTo(4));
        var (first_x, first_y) = ds.First();
        Assert.That(first_x.shape, Is.EqualTo(new long[] { 3 }));
        Assert.That(first_y.dtype, Is.EqualTo(ScalarType.Int64));
    }

    [Test]
    public void FromTensorSlicesOfColumnsAndMismatchedRows()
    {
        var table = arange(20, dtype: ScalarType.Float32).reshape(5, 4);
        var ds = Dataset.from_tensor_slices(table.unbind(1));
        Assert.That(ds.First().Length, Is.EqualTo(4));
        Assert.That(ds.cardinality(), Is.EqualTo(5));
        Assert.Throws<ArgumentException>(() => Dataset.from_tensor_slices((zeros(3), zeros(4))));
        Assert.Throws<ArgumentException>(() => Dataset.from_tensor_slices(tensor(1.0f)));
    }

    [Test]
    public void FromTensorsIsOneElement()
    {
        var ds = Dataset.from_tensors((zeros(2, 3), ones(2)));
        Assert.That(ds.cardinality(), Is.EqualTo(1));
        var elements = ds.ToList();
        Assert.That(elements, Has.Count.EqualTo(1));
        Assert.That(elements[0][0].shape, Is.EqualTo(new long[] { 2, 3 }));
    }

    [Test]
    public void BatchKeepsOrDropsTheRemainder()
    {
        var batches = range(10).batch(4).Select(e => e[0].data<long>().ToArray()).ToList();
        Assert.That(batches, Has.Count.EqualTo(3));
        Assert.That(batches[2], Is.EqualTo(new long[] { 8, 9 }));
        Assert.That(range(10).batch(4).cardinality(), Is.EqualTo(3));
        Assert.That(range(10).batch(4, drop_remainder: true).cardinality(), Is.EqualTo(2));
        Assert.That(range(10).batch(4, drop_remainder: true).Count(), Is.EqualTo(2));
        Assert.That(range(10).batch(4).element_spec[0].ToString(), Is.EqualTo("TensorSpec(shape=(None,), dtype=tf.int64, name=None)"));
        Assert.That(range(10).batch(4, drop_remainder: true).element_spec[0].ToString(), Is.EqualTo("TensorSpec(shape=(4,), dtype=tf.int64, name=None)"));
        Assert.Throws<ArgumentException>(() => range(3).batch(0));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void BatchOfSlicesEqualsStackedRows(bool drop_remainder)
    {
        var x = randn(10, 3);
        var y = arange(10);
        var fused = Dataset.from_tensor_slices((x, y)).batch(4, drop_remainder).ToList();
        var stacked = Dataset.from_tensor_slices((x, y)).map((a, b) => (a, b)).batch(4, drop_remainder).ToList();
        Assert.That(fused, Has.Count.EqualTo(stacked.Count));
        for (int i = 0; i < fused.Count; i++)
            for (int c = 0; c < 2; c++)
                Assert.That(fused[i][c].equal(stacked[i][c]).all().item<bool>(), Is.True);
        // A batch is a copy: changing it leaves the source alone.
        fused[0][0].zero_();
        Assert.That(x[0].abs().sum().item<float>(), Is.GreaterThan(0));
    }

    [Test]
    public void BatchRefusesDifferentShapes()
    {
        var ds = Dataset.from_tensor_slices(arange(4)).map(x => ones(x.item<long>() + 1));
        Assert.Throws<InvalidOperationException>(() => ds.batch(2).ToList());
    }

    [Test]
    public void UnbatchUndoesBatch()
    {
        var ds = range(7).batch(3).unbatch();
        Assert.That(values(ds), Is.EqualTo(Enumerable.Range(0, 7).Select(i => (long)i).ToArray()));
        Assert.That(ds.cardinality(), Is.EqualTo(Dataset.UNKNOWN));
        Assert.That(ds.element_spec[0].shape, Is.Empty);
    }

    [Test]
    public void TakeSkipAndRepeat()
    {
        Assert.That(values(range(10).skip(3).take(4)), Is.EqualTo(new long[] { 3, 4, 5, 6 }));
        Assert.That(values(range(3).repeat(2)), Is.EqualTo(new long[] { 0, 1, 2, 0, 1, 2 }));
        Assert.That(values(range(3).repeat().take(7)), Is.EqualTo(new long[] { 0, 1, 2, 0, 1, 2, 0 }));
        Assert.That(values(range(5).take(-1)), Has.Length.EqualTo(5));
        Assert.That(values(range(5).skip(-1)), Is.Empty);
        Assert.That(values(range(5).take(0)), Is.Empty);
        Assert.That(values(range(0).repeat()), Is.Empty);
        Assert.Throws<ArgumentException>(() => range(5).take(-2));
    }

    [Test]
    public void CardinalityFollowsTfData()
    {
        Assert.That(range(10).repeat().cardinality(), Is.EqualTo(Dataset.INFINITE));
        Assert.That(range(10).repeat(3).cardinality(), Is.EqualTo(30));
        Assert.That(range(0).repeat().cardinality(), Is.EqualTo(0));
        Assert.That(range(10).repeat().take(5).cardinality(), Is.EqualTo(5));
        Assert.That(range(10).repeat().skip(5).cardinality(), Is.EqualTo(Dataset.INFINITE));
        Assert.That(range(10).take(20).cardinality(), Is.EqualTo(10));
        Assert.That(range(10).skip(20).cardinality(), Is.EqualTo(0));
        var filtered = range(10).filter(x => x % 2 == 0);
        Assert.That(filtered.cardinality(), Is.EqualTo(Dataset.UNKNOWN));
        Assert.That(filtered.take(3).cardinality(), Is.EqualTo(Dataset.UNKNOWN));
        Assert.That(filtered.repeat().cardinality(), Is.EqualTo(Dataset.INFINITE));
        Assert.That(range(10).repeat().filter(x => x % 2 == 0).cardinality(), Is.EqualTo(Dataset.UNKNOWN));
        Assert.That(filtered.batch(2).cardinality(), Is.EqualTo(Dataset.UNKNOWN));
        Assert.That(Dataset.zip(range(3), range(5)).cardinality(), Is.EqualTo(3));
        Assert.That(Dataset.zip(range(3), range(5).repeat()).cardinality(), Is.EqualTo(3));
        Assert.That(Dataset.zip(range(3), filtered).cardinality(), Is.EqualTo(Dataset.UNKNOWN));
        Assert.That(range(3).concatenate(range(4)).cardinality(), Is.EqualTo(7));
        Assert.That(range(3).concatenate(range(4).repeat()).cardinality(), Is.EqualTo(Dataset.INFINITE));
        Assert.That(range(3).concatenate(filtered).cardinality(), Is.EqualTo(Dataset.UNKNOWN));
        Assert.That(range(3).shuffle(10).map(x => x * 2).prefetch(2).cache().cardinality(), Is.EqualTo(3));
    }

    [Test]
    public void ShuffleWithSeedIsRepeatableAndAPermutation()
    {
        var ds = range(50).shuffle(10, seed: 42);
        var first = values(ds);
        var second = values(ds);
        Assert.That(first.OrderBy(v => v), Is.EqualTo(Enumerable.Range(0, 50).Select(i => (long)i)));
        Assert.That(first, Is.Not.EqualTo(Enumerable.Range(0, 50).Select(i => (long)i).ToArray()));
        // reshuffle_each_iteration (the default): a new order per iteration, the same sequence of orders per seed.
        Assert.That(second, Is.Not.EqualTo(first));
        var again = range(50).shuffle(10, seed: 42);
        Assert.That(values(again), Is.EqualTo(first));
        Assert.That(values(again), Is.EqualTo(second));
        var fixed_order = range(50).shuffle(10, seed: 42, reshuffle_each_iteration: false);
        var first_pass = values(fixed_order);
        Assert.That(values(fixed_order), Is.EqualTo(first_pass));
        Assert.That(first_pass, Is.Not.EqualTo(Enumerable.Range(0, 50).Select(i => (long)i).ToArray()));
    }

    [Test]
    public void ShuffleBufferBoundsHowFarAnElementMoves()
    {
        // With a buffer of b, output i is one of the first i + b inputs (tf's buffer algorithm).
        var order = values(range(100).shuffle(5, seed: 1));
        for (int i = 0; i < order.Length; i++) Assert.That(order[i], Is.LessThan(i + 5));
        Assert.That(values(range(10).shuffle(1, seed: 3)), Is.EqualTo(Enumerable.Range(0, 10).Select(i => (long)i)));
    }

    [Test]
    public void ShuffleUnseededFollowsTorchsSeed()
    {
        torch.manual_seed(7);
        var a = values(range(30).shuffle(30));
        torch.manual_seed(7);
        var b = values(range(30).shuffle(30));
        Assert.That(a, Is.EqualTo(b));
    }

    [Test]
    public void MapOverloadsByArity()
    {
        var x = arange(6, dtype: ScalarType.Float32).reshape(3, 2);
        var y = tensor(new float[] { 1, 2, 3 });
        var ds = Dataset.from_tensor_slices((x, y)).map((a, b) => (a * 2, b.unsqueeze(-1)));
        var (mx, my) = ds.First();
        Assert.That(mx.data<float>().ToArray(), Is.EqualTo(new float[] { 0, 2 }));
        Assert.That(my.shape, Is.EqualTo(new long[] { 1 }));
        Assert.That(ds.ToString(), Is.EqualTo("<MapDataset element_spec=(TensorSpec(shape=(2,), dtype=tf.float32, name=None), TensorSpec(shape=(1,), dtype=tf.float32, name=None))>"));

        var single = Dataset.from_tensor_slices(y).map(v => v + 1);
        Assert.That(single.Select(e => e[0].item<float>()), Is.EqualTo(new float[] { 2, 3, 4 }));
        Assert.That(single.ToString(), Is.EqualTo("<MapDataset element_spec=TensorSpec(shape=(), dtype=tf.float32, name=None)>"));

        (Tensor, Tensor) pack_row(params Tensor[] row) => (stack(row[1..], 0), row[0]);
        var packed = Dataset.from_tensor_slices(x.unbind(1)).map(pack_row);
        var (features, label) = packed.First();
        Assert.That(features.shape, Is.EqualTo(new long[] { 1 }));
        Assert.That(label.item<float>(), Is.EqualTo(0f));

        Assert.Throws<ArgumentException>(() => Dataset.from_tensor_slices(y).map((a, b) => (a, b)).ToList());
    }

    [Test]
    public void ParallelMapKeepsOrder()
    {
        var ds = range(200).map(v =>
        {
            Thread.Sleep((int)(v.item<long>() % 3));
            return v * 10;
        }, num_parallel_calls: Dataset.AUTOTUNE);
        Assert.That(values(ds), Is.EqualTo(Enumerable.Range(0, 200).Select(i => i * 10L)));
        Assert.That(ds.ToString(), Does.StartWith("<ParallelMapDataset"));
        Assert.Throws<ArgumentException>(() => range(3).map(v => v, num_parallel_calls: 0));
    }

    [Test]
    public void ParallelMapRaisesTheFunctionsError()
    {
        var ds = range(20).map(v => v.item<long>() == 13 ? throw new InvalidDataException("bad 13") : v, num_parallel_calls: 4);
        var e = Assert.Throws<InvalidDataException>(() => ds.ToList());
        Assert.That(e!.Message, Is.EqualTo("bad 13"));
    }

    [Test]
    public void MapRecordsNoGradient()
    {
        var w = ones(1).requires_grad_(true);
        var ds = range(3).map(v => v.to_type(ScalarType.Float32) * w);
        Assert.That(ds.First()[0].requires_grad, Is.False);
    }

    [Test]
    public void FilterKeepsMatchingElements()
    {
        Assert.That(values(range(10).filter(x => x % 3 == 0)), Is.EqualTo(new long[] { 0, 3, 6, 9 }));
        var pairs = Dataset.from_tensor_slices((arange(6), arange(6) * 10)).filter((x, y) => y > 25);
        Assert.That(pairs.Select(e => e[0].item<long>()), Is.EqualTo(new long[] { 3, 4, 5 }));
        Assert.Throws<InvalidOperationException>(() => range(3).filter(x => x).ToList());
    }

    [Test]
    public void ZipConcatenateEnumerate()
    {
        var zipped = Dataset.zip(range(3), range(5).map(x => x * 10));
        Assert.That(zipped.Select(e => (e[0].item<long>(), e[1].item<long>())), Is.EqualTo(new[] { (0L, 0L), (1L, 10L), (2L, 20L) }));
        Assert.That(range(2).zip(range(2)).element_spec, Has.Length.EqualTo(2));
        Assert.That(values(range(2).concatenate(range(3))), Is.EqualTo(new long[] { 0, 1, 0, 1, 2 }));
        Assert.Throws<ArgumentException>(() => _ = range(2).concatenate(Dataset.from_tensor_slices(zeros(3))).element_spec);
        var numbered = Dataset.from_tensor_slices(tensor(new float[] { 5, 6 })).enumerate(start: 10);
        Assert.That(numbered.Select(e => e[0].item<long>()), Is.EqualTo(new long[] { 10, 11 }));
        Assert.That(numbered.element_spec[0].dtype, Is.EqualTo(ScalarType.Int64));
    }

    [Test]
    public void CacheRunsTheInputOnce()
    {
        int calls = 0;
        var ds = range(5).map(x => { Interlocked.Increment(ref calls); return x; }).cache();
        Assert.That(values(ds), Is.EqualTo(new long[] { 0, 1, 2, 3, 4 }));
        Assert.That(values(ds), Is.EqualTo(new long[] { 0, 1, 2, 3, 4 }));
        Assert.That(calls, Is.EqualTo(5));
        // A pass that stops early caches nothing.
        int partial_calls = 0;
        var partial = range(5).map(x => { partial_calls++; return x; }).cache();
        _ = partial.take(2).ToList();
        Assert.That(values(partial), Has.Length.EqualTo(5));
        Assert.That(partial_calls, Is.EqualTo(7));
    }

    [Test]
    public void CacheToAFileIsReadByALaterDataset()
    {
        string file = Path.Combine(dir, "cache");
        int calls = 0;
        var source = Dataset.from_tensor_slices((arange(4, dtype: ScalarType.Float32), arange(4)));
        var ds = source.map((x, y) => { calls++; return (x * 2, y); }).cache(file);
        Assert.That(ds.Select(e => e[0].item<float>()), Is.EqualTo(new float[] { 0, 2, 4, 6 }));
        Assert.That(File.Exists(file + ".data"));
        var later = source.map((x, y) => { calls++; return (x * 2, y); }).cache(file);
        var read = later.ToList();
        Assert.That(calls, Is.EqualTo(4));
        Assert.That(read.Select(e => e[0].item<float>()), Is.EqualTo(new float[] { 0, 2, 4, 6 }));
        Assert.That(read.Select(e => e[1].dtype).Distinct(), Is.EqualTo(new[] { ScalarType.Int64 }));
        // An interrupted pass leaves no file behind.
        string other = Path.Combine(dir, "other");
        _ = source.cache(other).take(1).ToList();
        Assert.That(Directory.GetFiles(dir).Where(f => f.StartsWith(other)), Is.Empty);
    }

    [Test]
    public void PrefetchGivesEveryElementInOrderAndStopsEarly()
    {
        Assert.That(values(range(100).prefetch(Dataset.AUTOTUNE)), Is.EqualTo(Enumerable.Range(0, 100).Select(i => (long)i)));
        Assert.That(values(range(100).prefetch(3).take(5)), Is.EqualTo(new long[] { 0, 1, 2, 3, 4 }));
        Assert.That(values(range(4).prefetch(0)), Has.Length.EqualTo(4));
        var failing = range(5).map(x => x.item<long>() == 3 ? throw new InvalidOperationException("third") : x).prefetch(2);
        var seen = new List<long>();
        Assert.Throws<InvalidOperationException>(() => { foreach (var e in failing) seen.Add(e[0].item<long>()); });
        Assert.That(seen, Is.EqualTo(new long[] { 0, 1, 2 }));
    }

    [Test]
    public void ReprIsTfDatas()
    {
        var ds = Dataset.from_tensor_slices((zeros(10, 28), zeros(10))).skip(2).take(5).cache();
        Assert.That(ds.ToString(), Is.EqualTo("<CacheDataset element_spec=(TensorSpec(shape=(28,), dtype=tf.float32, name=None), TensorSpec(shape=(), dtype=tf.float32, name=None))>"));
        Assert.That(ds.batch(3).ToString(), Does.StartWith("<BatchDataset element_spec=(TensorSpec(shape=(None, 28)"));
    }

    [Test]
    public void AsNumpyIteratorAndDeconstructionErrors()
    {
        var element = Dataset.from_tensor_slices((zeros(2, 2), zeros(2))).as_numpy_iterator().First();
        Assert.That(element[0].device_type, Is.EqualTo(DeviceType.CPU));
        var e = Assert.Throws<ArgumentException>(() => { var (a, b, c) = element; });
        Assert.That(e!.Message, Is.EqualTo("not enough values to unpack (expected 3, got 2)"));
        Assert.Throws<InvalidOperationException>(() => { var (train, val) = range(3); });
    }

    [Test]
    public void MemoryStaysFlatOverEpochs()
    {
        var ds = Dataset.from_tensor_slices((randn(64, 8), randn(64)))
            .shuffle(16, seed: 1).map((x, y) => (x * 2, y.unsqueeze(-1)), num_parallel_calls: 2).batch(8).cache().prefetch(2);
        void epoch()
        {
            foreach (var element in ds)
                using (var scope = NewDisposeScope())
                    scope.Attach(element);
        }
        epoch();
        epoch();
        long before = Tensor.TotalCount;
        for (int i = 0; i < 5; i++) epoch();
        Assert.That(Tensor.TotalCount - before, Is.LessThanOrEqualTo(8));
    }
}
