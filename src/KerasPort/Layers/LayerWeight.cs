using KerasPort.Regularizers;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace KerasPort.Layers;

/// <summary>One weight of a layer with what Keras attaches to its variable: name, regularizer, constraint.</summary>
internal sealed record LayerWeight(string name, Parameter variable, Regularizer? regularizer, Func<Tensor, Tensor>? constraint, bool trainable);
