namespace KerasPort.Models;

public partial class Model
{
    /// <summary>
    /// Keras's <c>model._initial_epoch</c>: an epoch a callback (BackupAndRestore) sets in
    /// <c>on_train_begin</c> for <c>fit</c> to start from instead of its <c>initial_epoch</c>.
    /// </summary>
    internal int? _initial_epoch { get; set; }
}
