using static TorchSharp.torch;

namespace KerasPort.Data;

/// <summary>
/// What <c>image_dataset_from_directory(..., subset: "both")</c> returns: Python's list
/// <c>[train_dataset, val_dataset]</c>, which C# unpacks as <c>var (train_ds, val_ds) = ...</c>.
/// It is not itself a dataset of elements.
/// </summary>
internal sealed class DatasetPair : Dataset
{
    private readonly Dataset _training;
    private readonly Dataset _validation;

    public DatasetPair(Dataset training, Dataset validation)
    {
        _training = training;
        _validation = validation;
        class_names = training.class_names;
    }

    private protected override string stage_name => "list of (training, validation) datasets";

    public override void Deconstruct(out Dataset training, out Dataset validation)
    {
        training = _training;
        validation = _validation;
    }

    public override long cardinality() => throw not_a_dataset();

    private protected override ElementSpec compute_spec() => throw not_a_dataset();

    private protected override IEnumerable<Tensor[]> iterate() => throw not_a_dataset();

    public override string ToString() => $"[{_training}, {_validation}]";

    private static InvalidOperationException not_a_dataset() =>
        new("subset: \"both\" gives two datasets, not one: unpack them first, as in var (train_ds, val_ds) = keras.utils.image_dataset_from_directory(...).");
}
