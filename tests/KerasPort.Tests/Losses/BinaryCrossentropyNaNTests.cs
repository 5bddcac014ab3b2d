using KerasPort;
using KerasPort.Callbacks;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;
using F = TorchSharp.torch.nn.functional;

namespace KerasPort.Tests.Losses;

/// <summary>
/// Issue 11 item 9: binary crossentropy is computed as torch's kernel computes it, without the
/// kernel's input checks, so NaN predictions give a NaN loss (TerminateOnNaN then stops training)
/// and labels outside [0, 1] give a loss instead of a libtorch error.
/// </summary>
public class BinaryCrossentropyNaNTests
{
    [Test]
    public void ValidInputsGiveTorchsKernelToAnUlp()
    {
        using var scope = torch.NewDisposeScope();
        var gen = torch.manual_seed(7);
        var p = torch.rand(64, 5).clamp(1e-7, 1 - 1e-7);
        var y = torch.rand(64, 5);
        y[0, 0] = torch.tensor(0f);
        y[1, 1] = torch.tensor(1f);
        var expected = F.binary_cross_entropy(p, y, reduction: nn.Reduction.None).mean([-1]);
        var actual = keras.losses.binary_crossentropy(y, p);
        // The vectorized log/log1p and the kernel's std::log/std::log1p differ by at most one float32 ulp.
        Assert.That(actual.allclose(expected, rtol: 3e-7, atol: 0), Is.True, $"max difference {(actual - expected).abs().max().item<float>()}");
    }

    [Test]
    public void NaNPredictionsGiveANaNLoss()
    {
        using var p = torch.tensor(new float[,] { { float.NaN }, { 0.3f } });
        using var y = torch.tensor(new float[,] { { 1 }, { 0 } });
        var loss = keras.losses.binary_crossentropy(y, p).data<float>().ToArray();
        Assert.That(float.IsNaN(loss[0]), Is.True);
        Assert.That(loss[1], Is.EqualTo(-MathF.Log(0.7f)).Within(1e-6));
        using var mean = new KerasPort.Losses.BinaryCrossentropy().__call__(y, p);
        Assert.That(float.IsNaN(mean.item<float>()), Is.True);
    }

    [Test]
    public void LabelsOutsideZeroOneGiveKerassFormula()
    {
        using var p = torch.tensor(new float[,] { { 0.25f }, { 0.5f } });
        using var y = torch.tensor(new float[,] { { 2 }, { -1 } });
        var loss = keras.losses.binary_crossentropy(y, p).to_type(ScalarType.Float64).data<double>().ToArray();
        Assert.That(loss[0], Is.EqualTo(-(2 * Math.Log(0.25) + (1 - 2) * Math.Log(0.75))).Within(1e-5));
        Assert.That(loss[1], Is.EqualTo(-(-1 * Math.Log(0.5) + 2 * Math.Log(0.5))).Within(1e-5));
    }

    [Test]
    public void TerminateOnNaNStopsAFitOnNaNInputs()
    {
        var model = new Sequential([new Dense(1, input_shape: [2], activation: "sigmoid")]);
        model.compile(optimizer: new SGD(0.1), loss: "binary_crossentropy", metrics: ["accuracy"]);
        var x = torch.ones(16, 2);
        x[5, 1] = torch.tensor(float.NaN);
        var y = torch.ones(16, 1);
        var output = new StringWriter();
        var history = model.fit(x, y, batch_size: 4, epochs: 5, shuffle: false, verbose: 0,
                                callbacks: [new TerminateOnNaN { stdout = output }]);
        Assert.That(model.stop_training, Is.True);
        Assert.That(output.ToString(), Is.EqualTo("Batch 1: Invalid loss, terminating training\n"));
        Assert.That(history.history["loss"], Has.Count.EqualTo(1), "training stopped in the first epoch");
        Assert.That(double.IsNaN(history.history["loss"][0]), Is.True);
    }

    [Test]
    public void LabelsOutsideZeroOneTrain()
    {
        var model = new Sequential([new Dense(1, input_shape: [2], activation: "sigmoid")]);
        model.compile(optimizer: new SGD(0.1), loss: "binary_crossentropy");
        var history = model.fit(torch.ones(8, 2), torch.full(8, 1, 3f), batch_size: 4, epochs: 1, verbose: 0);
        Assert.That(double.IsFinite(history.history["loss"][0]), Is.True);
    }
}
