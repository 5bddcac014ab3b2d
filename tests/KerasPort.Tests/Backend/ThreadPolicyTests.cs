using KerasPort.Backend;
using TorchSharp;

namespace KerasPort.Tests.Backend;

/// <summary>
/// The thread policy's decision and the <c>keras.config</c> thread setting. Whether OpenMP really
/// waits passively can only be seen in a fresh process (it reads its settings once, when libtorch
/// loads): the <c>threads</c> benchmark prints the spin count libgomp reports for each policy.
/// </summary>
[NonParallelizable]
public sealed class ThreadPolicyTests
{
    private static Func<string, string?> Environment(params (string name, string value)[] variables)
        => name => variables.Where(v => v.name == name).Select(v => v.value).FirstOrDefault();

    [Test]
    public void Applies_on_a_clean_environment_before_libtorch_loads() =>
        Assert.That(ThreadPolicy.should_apply(Environment(), () => false), Is.True);

    [TestCase("OMP_WAIT_POLICY", "ACTIVE")]
    [TestCase("OMP_WAIT_POLICY", "PASSIVE")]
    [TestCase("GOMP_SPINCOUNT", "300000")]
    [TestCase("KMP_BLOCKTIME", "200")]
    [TestCase("KERASPORT_THREAD_POLICY", "off")]
    [TestCase("KERASPORT_THREAD_POLICY", "OFF")]
    public void Leaves_OpenMP_alone_where_the_environment_decides(string name, string value) =>
        Assert.That(ThreadPolicy.should_apply(Environment((name, value)), () => false), Is.False);

    [Test]
    public void Any_other_switch_value_keeps_the_policy() =>
        Assert.That(ThreadPolicy.should_apply(Environment(("KERASPORT_THREAD_POLICY", "on")), () => false), Is.True);

    [Test]
    public void Does_nothing_once_libtorch_is_loaded() =>
        Assert.That(ThreadPolicy.should_apply(Environment(), () => true), Is.False);

    [Test]
    public void When_applied_the_native_environment_bounds_the_spin()
    {
        // Touch the library so that its module initializer has run.
        _ = keras.config.num_threads();
        if (!ThreadPolicy.applied)
            Assert.Ignore("the test host loaded libtorch before KerasPort, or its environment chose a wait policy");
        var (name, value) = OperatingSystem.IsLinux() ? ("GOMP_SPINCOUNT", ThreadPolicy.spin_count.ToString()) : ("OMP_WAIT_POLICY", "PASSIVE");
        Assert.That(ThreadPolicy.get(name), Is.EqualTo(value));
        Assert.That(System.Environment.GetEnvironmentVariable(name), Is.EqualTo(value));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Set_num_threads_sets_libtorchs_intra_op_threads(int threads)
    {
        int before = torch.get_num_threads();
        try
        {
            keras.config.set_num_threads(threads);
            Assert.That(keras.config.num_threads(), Is.EqualTo(threads));
            Assert.That(torch.get_num_threads(), Is.EqualTo(threads));
        }
        finally
        {
            keras.config.set_num_threads(null);
            torch.set_num_threads(before);
        }
    }

    [TestCase(0)]
    [TestCase(-2)]
    public void Set_num_threads_rejects_a_non_positive_count(int threads)
    {
        int before = torch.get_num_threads();
        var error = Assert.Throws<ArgumentException>(() => keras.config.set_num_threads(threads))!;
        Assert.That(error.ParamName, Is.EqualTo("num_threads"));
        Assert.That(error.Message, Does.StartWith(
            $"Invalid value received for argument num_threads. Expected a positive integer or null. Received: num_threads={threads}"));
        Assert.That(torch.get_num_threads(), Is.EqualTo(before));
    }
}
