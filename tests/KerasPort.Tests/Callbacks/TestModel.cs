using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Saving;

namespace KerasPort.Tests.Callbacks;

/// <summary>
/// A test double of the model contract: its weights are a list of tensors (<see cref="variables"/>), the
/// get_weights, set_weights and save_weights calls of a callback are recorded, and save_weights writes a real .weights.h5 file with
/// <see cref="WeightsFile"/> (one layer, "layers/test"), as a real model does.
/// </summary>
internal sealed class TestModel : Model
{
    public TestModel(params Tensor[] weights)
    {
        variables = weights.ToList();
    }

    public new List<Tensor> variables { get; }
    public List<Tensor[]> get_weights_calls { get; } = new();
    public List<Tensor[]> set_weights_calls { get; } = new();
    public List<string> saved_paths { get; } = new();

    public void set_optimizer(Optimizer? value) => optimizer = value;

    public override Tensor[] get_weights()
    {
        get_weights_calls.Add(variables.Select(w => w.clone()).ToArray());
        return variables.Select(w => w.clone()).ToArray();
    }

    public override void set_weights(IReadOnlyList<Tensor> weights)
    {
        if (weights.Count != variables.Count) throw new ArgumentException($"expected {variables.Count} weights, got {weights.Count}", nameof(weights));
        set_weights_calls.Add(weights.Select(w => w.clone()).ToArray());
        for (int i = 0; i < weights.Count; i++) variables[i] = weights[i].clone();
    }

    public override void save_weights(string filepath, bool overwrite = true)
    {
        saved_paths.Add(filepath);
        WeightsFile.write(filepath, [("layers/test", "test", variables.ToArray())], overwrite);
    }

    public override void load_weights(string filepath, bool skip_mismatch = false, bool? by_name = null) => throw new NotSupportedException();
}
