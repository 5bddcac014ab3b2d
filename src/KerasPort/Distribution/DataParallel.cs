namespace KerasPort.Distribution;

/// <summary>
/// Keras's <c>DataParallel</c> distribution, over MPI: every process (rank) holds the whole model and
/// takes its contiguous share of each global batch; <c>fit</c> sums the gradients over the ranks and
/// applies the same update everywhere, so that every rank starts (rank 0's weights are broadcast) and
/// ends with the same weights. <c>batch_size</c> stays the global batch, as in Keras. Set it with
/// <c>keras.distribution.set_distribution(new DataParallel())</c> after <c>keras.distribution.initialize()</c>.
/// </summary>
/// <example><code>
/// keras.distribution.initialize();
/// keras.distribution.set_distribution(new DataParallel());
/// model.fit(x, y, batch_size: 64, epochs: 5);   // under mpiexec -n 2, each rank takes 32 rows of each batch
/// </code></example>
public sealed class DataParallel
{
    /// <summary>
    /// A data-parallel distribution over <paramref name="devices"/>, one per process (as
    /// <c>keras.distribution.list_devices()</c> gives them, its default).
    /// </summary>
    /// <param name="devices">One device per process, <c>"cpu:0"</c>, <c>"cpu:1"</c>, ... (or <c>"gpu:i"</c>); null: <c>list_devices()</c>.</param>
    /// <param name="auto_shard_dataset">
    /// True (Keras's default): each rank takes its share of every global batch. False: the data a
    /// rank is given is already its own share (every rank must still run the same number of steps).
    /// </param>
    public DataParallel(IReadOnlyList<string>? devices = null, bool auto_shard_dataset = true)
    {
        var given = devices ?? keras.distribution.list_devices();
        if (given.Count != keras.distribution.num_processes())
            throw new ArgumentException(
                $"Invalid value received for argument devices. DataParallel over MPI runs one model replica per process, so it expects {keras.distribution.num_processes()} device(s), one per process. Received: devices=[{string.Join(", ", given)}]",
                nameof(devices));
        foreach (var device in given)
        {
            var parts = device.Split(':');
            if (parts.Length != 2 || parts[0] is not ("cpu" or "gpu") || !int.TryParse(parts[1], out int id) || id < 0)
                throw new ArgumentException($"Invalid value received for argument devices. Expected names like \"cpu:0\" or \"gpu:1\". Received: {device}", nameof(devices));
        }
        this.devices = [.. given];
        this.auto_shard_dataset = auto_shard_dataset;
    }

    /// <summary>The devices of the replicas, one per process, in rank order.</summary>
    public IReadOnlyList<string> devices { get; }

    /// <summary>Whether each rank takes its share of every global batch (see the constructor).</summary>
    public bool auto_shard_dataset { get; }

    /// <summary>Keras's name for the axis that is split across replicas.</summary>
    public string batch_dim_name => "batch";

    /// <summary>The number of model replicas: one per process.</summary>
    public int num_model_replicas => devices.Count;

    /// <summary>The number of processes in the job.</summary>
    public int num_processes => keras.distribution.num_processes();

    /// <summary>This process's rank, 0 to <see cref="num_processes"/> - 1.</summary>
    public int process_id => keras.distribution.process_id();
}
