using KerasPort.Models;
using KerasPort.Optimizers;
using KerasPort.Saving;
using TorchSharp.Modules;

namespace KerasPort.Tests.Callbacks;

/// <summary>
/// A test double of the model contract: its weights are a list of tensors (<see cref="variables"/>), every call that a
/// callback makes is recorded, and save_weights writes a real .weights.h5 file with
/// <see cref="WeightsFile"/> (one layer, "layers/test"), as a real model does.
/// </summary>
internal sealed class TestModel : Model
{
    public TestModel(params Tensor[] weights)
    {
        variables = weights.ToList();
    }

    public List<Tensor> variables { get; }
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

    public override void load_weights(string filepath) => throw new NotSupportedException();
}

/// <summary>An optimizer double: only the learning rate, kept in float32 as Keras keeps it.</summary>
internal sealed class TestOptimizer : Optimizer
{
    private float _learning_rate;

    public TestOptimizer(double learning_rate) : base(learning_rate, null, null, null, null, null, null) => _learning_rate = (float)learning_rate;

    public override double learning_rate { get => _learning_rate; set => _learning_rate = (float)value; }

    protected override void build_slots(IReadOnlyList<Parameter> var_list) { }

    protected override void update_step(Tensor gradient, Parameter variable, float learning_rate) => throw new NotSupportedException();

    public override IDictionary<string, object> get_config() => new Dictionary<string, object> { ["learning_rate"] = learning_rate };
}
