using KerasPort.Backend;

namespace KerasPort.Models;

public partial class Model
{
    /// <summary>
    /// Chooses the loop's intra-op threads at its first step on a built model, from the
    /// multiply-adds of that step's <paramref name="rows"/> samples (see <see cref="IntraOpThreads"/>).
    /// </summary>
    private void choose_threads(IntraOpThreads threads, long rows)
    {
        if (threads.chosen || !built) return;
        threads.choose(rows * flatten_layers(include_self: true).Sum(layer => layer.own_multiply_adds_per_sample()));
    }
}
