using KerasPort.Backend;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Tests.Backend;

/// <summary>
/// keras.device and the default device (Keras's torch backend: <c>device_scope</c>,
/// <c>get_device</c>, <c>_parse_device_input</c>). The CPU tests run everywhere; the GPU tests run
/// where a CUDA libtorch runtime and a GPU are present and are skipped, with the reason, elsewhere.
/// </summary>
[NonParallelizable]
public sealed class DevicesTests
{
    private static readonly string expected_default =
        Environment.GetEnvironmentVariable("KERAS_TORCH_DEVICE") is { Length: > 0 } chosen ? chosen.ToLowerInvariant()
        : cuda.is_available() ? "cuda" : "cpu";

    [Test]
    public void The_default_device_is_cuda_where_usable_else_the_cpu() =>
        Assert.That(keras.config.device(), Is.EqualTo(expected_default));

    [TestCase(null, false, "cpu")]
    [TestCase("", false, "cpu")]
    [TestCase(null, true, "cuda")]
    [TestCase("CPU", true, "cpu")]
    [TestCase("cpu:0", true, "cpu:0")]
    public void The_environment_chooses_the_default_device_before_cuda(string? environment, bool cuda_available, string expected) =>
        Assert.That(Devices.default_device(environment, cuda_available), Is.EqualTo(expected));

    [Test]
    public void A_bad_environment_choice_names_the_variable()
    {
        var error = Assert.Throws<ArgumentException>(() => Devices.default_device("tpu:0", cuda_available: false))!;
        Assert.That(error.Message, Does.Contain("KERAS_TORCH_DEVICE='tpu:0'"));
    }

    [Test]
    public void A_scope_makes_its_device_current_until_disposed_and_nests()
    {
        var before = keras.config.device();
        using (var outer = keras.device("CPU"))
        {
            Assert.That(outer.device, Is.EqualTo("cpu"));
            Assert.That(keras.config.device(), Is.EqualTo("cpu"));
            using (keras.device("cpu:0"))
                Assert.That(keras.config.device(), Is.EqualTo("cpu:0"));
            Assert.That(keras.config.device(), Is.EqualTo("cpu"));
        }
        Assert.That(keras.config.device(), Is.EqualTo(before));
    }

    [Test]
    public void A_scope_ended_by_an_exception_restores_the_device_and_a_second_dispose_does_nothing()
    {
        var before = keras.config.device();
        var scope = keras.device("cpu");
        try
        {
            Assert.Throws<InvalidOperationException>(() =>
            {
                using (keras.device("cpu:0")) throw new InvalidOperationException("inside");
            });
            Assert.That(keras.config.device(), Is.EqualTo("cpu"));
        }
        finally
        {
            scope.Dispose();
        }
        scope.Dispose();
        Assert.That(keras.config.device(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_scope_reaches_the_tasks_it_starts_but_not_other_threads()
    {
        string? seen_by_task, seen_by_thread = null;
        using (keras.device("cpu:0"))
        {
            seen_by_task = await Task.Run(keras.config.device);
            var thread = new Thread(() => seen_by_thread = keras.config.device());
            thread.UnsafeStart();
            thread.Join();
        }
        Assert.That(seen_by_task, Is.EqualTo("cpu:0"));
        Assert.That(seen_by_thread, Is.EqualTo(expected_default));
    }

    [TestCase("123")]
    [TestCase("tpu")]
    [TestCase("cuda:x")]
    [TestCase("")]
    [TestCase("cpu:0:1")]
    public void Unknown_device_names_are_refused_with_the_allowed_forms(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => keras.device(name))!;
        Assert.That(error.ParamName, Is.EqualTo("device_name"));
        Assert.That(error.Message, Does.Contain("Expected a string like 'gpu:0', 'cuda:0' or 'cpu'"));
        Assert.That(error.Message, Does.Contain($"Received: device_name='{name}'"));
        Assert.That(keras.config.device(), Is.EqualTo(expected_default));
    }

    [TestCase("gpu")]
    [TestCase("GPU:0")]
    [TestCase("cuda:0")]
    public void A_gpu_scope_without_cuda_says_so_at_once(string name)
    {
        if (cuda.is_available()) Assert.Ignore("CUDA is available here: the scope opens.");
        var error = Assert.Throws<ArgumentException>(() => keras.device(name))!;
        Assert.That(error.Message, Does.Contain("CUDA is not available"));
        Assert.That(error.Message, Does.Contain("libtorch-cuda-12.8-linux-x64"));
        Assert.That(keras.config.device(), Is.EqualTo(expected_default));
    }

    [Test]
    public void A_cuda_index_beyond_the_gpus_is_refused()
    {
        if (!cuda.is_available()) Assert.Ignore("No CUDA device here (CPU libtorch runtime or no GPU).");
        var error = Assert.Throws<ArgumentException>(() => keras.device($"cuda:{cuda.device_count()}"))!;
        Assert.That(error.Message, Does.Contain("visible GPU"));
    }

    [Test]
    public void Fit_inside_a_cpu_scope_is_bit_identical_to_fit_outside()
    {
        var (outside, outside_history) = fit_small_model(null);
        var (inside, inside_history) = fit_small_model("cpu");
        Assert.That(inside_history, Is.EqualTo(outside_history));
        for (int i = 0; i < outside.Length; i++)
            Assert.That(inside[i].equal(outside[i]).all().item<bool>(), Is.True, $"weight {i}");
    }

    [Test]
    public void Seeded_draws_in_a_cpu_scope_are_the_draws_outside()
    {
        using var outside = keras.random.normal([5], seed: 3);
        using var scope = keras.device("cpu");
        using var inside = keras.random.normal([5], seed: 3);
        Assert.That(inside.device_type, Is.EqualTo(DeviceType.CPU));
        Assert.That(inside.equal(outside).all().item<bool>(), Is.True);
    }

    [Test]
    public void On_a_gpu_weights_slots_draws_and_batches_follow_the_device_and_predict_answers_on_the_cpu()
    {
        if (!cuda.is_available()) Assert.Ignore("No CUDA device here (CPU libtorch runtime or no GPU): the GPU path is not exercised.");
        var (cpu_weights, cpu_history) = fit_small_model("cpu");
        var (gpu_weights, gpu_history) = fit_small_model("cuda:0");
        Assert.That(gpu_history, Is.EqualTo(cpu_history).Within(1e-4));
        for (int i = 0; i < cpu_weights.Length; i++)
            Assert.That(gpu_weights[i].allclose(cpu_weights[i], rtol: 1e-4, atol: 1e-5), Is.True, $"weight {i}");
        using (keras.device("cuda:0"))
        {
            using var draw = keras.random.uniform([4], seed: 1);
            Assert.That(draw.device_type, Is.EqualTo(DeviceType.CUDA));
        }
    }

    /// <summary>Keras's device_scope_test.py, test_torch_device_scope: weights follow the scope, "gpu" reads as "cuda".</summary>
    [Test]
    public void Layers_built_in_a_scope_keep_their_weights_there()
    {
        if (!cuda.is_available()) Assert.Ignore("No CUDA device here (CPU libtorch runtime or no GPU): the GPU path is not exercised.");
        using var on_cpu = new Dense(2);
        using (keras.device("CPU:0")) on_cpu.build([null, 3]);
        Assert.That(on_cpu.trainable_weights[0].device_type, Is.EqualTo(DeviceType.CPU));
        using var on_gpu = new Dense(2);
        using (keras.device("gpu:0")) on_gpu.build([null, 3]);
        Assert.That(on_gpu.trainable_weights[0].device_type, Is.EqualTo(DeviceType.CUDA));
        using var input = ones(4, 3);
        using var output = on_gpu.__call__(input);
        Assert.That(output.device_type, Is.EqualTo(DeviceType.CUDA));
    }

    /// <summary>A seeded Dense model fitted for three epochs under <paramref name="device"/> (no scope when null): its weights on the CPU and its losses.</summary>
    private static (Tensor[] weights, double[] losses) fit_small_model(string? device)
    {
        keras.utils.set_random_seed(7);
        using var scope = device is null ? null : keras.device(device);
        using var model = new Sequential([new Dense(8, activation: "relu", input_shape: [4]), new Dropout(0.25), new Dense(1)]);
        model.compile(optimizer: new Adam(0.01), loss: "mse");
        using var x = keras.random.normal([64, 4], seed: 11).cpu();
        using var y = x.sum(1, keepdim: true);
        var history = model.fit(x, y, epochs: 3, batch_size: 16, verbose: 0);
        using var prediction = model.predict(x, verbose: 0);
        Assert.That(prediction.device_type, Is.EqualTo(DeviceType.CPU));
        if (device is not null && device.StartsWith("cuda"))
        {
            Assert.That(model.trainable_weights[0].device_type, Is.EqualTo(DeviceType.CUDA));
            Assert.That(model.optimizer!.variables.Last().device_type, Is.EqualTo(DeviceType.CUDA));
        }
        return (model.get_weights().Select(w => w.cpu()).ToArray(), history.history["loss"].ToArray());
    }
}
