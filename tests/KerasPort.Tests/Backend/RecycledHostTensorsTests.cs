using KerasPort.Backend;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Tests.Backend;

// The pool is process-wide and other tests may use it at the same time: each test uses a size
// of its own, and counts allocations only where no other test could allocate that size.
[NonParallelizable]
public class RecycledHostTensorsTests
{
    // storage<T>() reads through a tensor of its own, which the scope frees (it would hold the memory).
    private static IntPtr address(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.storage<float>().data_ptr();
    }

    [Test]
    public void A_tensor_has_the_shape_and_type_asked_and_keeps_what_is_written()
    {
        using var f = RecycledHostTensors.empty([2, 3, 5], ScalarType.Float32);
        using var d = RecycledHostTensors.empty([4], ScalarType.Float64);
        using var b = RecycledHostTensors.empty([0, 7], ScalarType.Byte);
        Assert.That(f.shape, Is.EqualTo(new long[] { 2, 3, 5 }));
        Assert.That(f.dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(d.dtype, Is.EqualTo(ScalarType.Float64));
        Assert.That(b.shape, Is.EqualTo(new long[] { 0, 7 }));
        f.copy_(arange(30, dtype: ScalarType.Float32).reshape(2, 3, 5));
        d.fill_(0.25);
        Assert.That(f.sum().item<float>(), Is.EqualTo(435f));
        Assert.That(d.data<double>().ToArray(), Is.EqualTo(new[] { 0.25, 0.25, 0.25, 0.25 }));
        Assert.That(address(f).ToInt64() % 64, Is.Zero, "aligned as libtorch's own CPU memory");
    }

    [Test]
    public void The_memory_of_a_disposed_tensor_serves_the_next_tensor_of_its_size()
    {
        var first = RecycledHostTensors.empty([3, 1001], ScalarType.Float32);
        var memory = address(first);
        first.Dispose();
        long allocated = RecycledHostTensors.allocations;
        using var second = RecycledHostTensors.empty([1001, 3], ScalarType.Float32);
        Assert.That(address(second), Is.EqualTo(memory));
        Assert.That(RecycledHostTensors.allocations, Is.EqualTo(allocated), "nothing new allocated");
    }

    [Test]
    public void A_view_keeps_the_memory_until_it_is_gone_too()
    {
        var batch = RecycledHostTensors.empty([4, 1003], ScalarType.Float32);
        batch.fill_(7f);
        var memory = address(batch);
        var row = batch[2];
        batch.Dispose();
        using (var other = RecycledHostTensors.empty([4, 1003], ScalarType.Float32))
        {
            Assert.That(address(other), Is.Not.EqualTo(memory), "the view still reads that memory");
            other.fill_(1f);
            Assert.That(row.sum().item<float>(), Is.EqualTo(7f * 1003), "the view's values are untouched");
        }
        row.Dispose();
        using var after = RecycledHostTensors.empty([4, 1003], ScalarType.Float32);
        Assert.That(address(after), Is.EqualTo(memory), "freed last, served first");
    }

    [Test]
    public void A_tensor_left_to_the_garbage_collector_gives_its_memory_back_too()
    {
        IntPtr abandon()
        {
            var t = RecycledHostTensors.empty([5, 1007], ScalarType.Float32);
            return address(t);   // never disposed: its finalizer frees it
        }
        var memory = abandon();
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        long allocated = RecycledHostTensors.allocations;
        using var next = RecycledHostTensors.empty([5, 1007], ScalarType.Float32);
        Assert.That(address(next), Is.EqualTo(memory));
        Assert.That(RecycledHostTensors.allocations, Is.EqualTo(allocated));
    }

    [Test]
    public void At_most_a_few_free_buffers_of_one_size_are_kept()
    {
        int count = RecycledHostTensors.kept_per_size + 3;
        var tensors = Enumerable.Range(0, count).Select(_ => RecycledHostTensors.empty([count, 1009], ScalarType.Float32)).ToList();
        tensors.ForEach(t => t.Dispose());
        long allocated = RecycledHostTensors.allocations;
        tensors = Enumerable.Range(0, count).Select(_ => RecycledHostTensors.empty([count, 1009], ScalarType.Float32)).ToList();
        Assert.That(RecycledHostTensors.allocations - allocated, Is.EqualTo(3), "the buffers beyond those kept were freed");
        tensors.ForEach(t => t.Dispose());
    }
}
