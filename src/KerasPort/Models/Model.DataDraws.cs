namespace KerasPort.Models;

public partial class Model
{
    // Whether the compiled loss and metrics are built, as Keras's _symbolic_build checks them.
    private bool _compiled_state_built;

    /// <summary>
    /// The start of Keras's <c>fit</c> and <c>evaluate</c> on torch: the first after
    /// <c>compile</c> builds the compiled loss and metrics from one batch of a fresh iterator
    /// (<c>_symbolic_build</c>, with the draws that makes), then the epoch iterator is reset.
    /// </summary>
    private void start_data(DataAdapter data)
    {
        if (!_compiled_state_built)
        {
            data.symbolic_build();
            _compiled_state_built = true;
        }
        data.reset();
    }
}
