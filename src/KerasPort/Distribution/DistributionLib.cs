using KerasPort.Distribution;

namespace KerasPort;

public static partial class keras
{
    /// <summary>
    /// Keras's <c>keras.distribution</c>: data-parallel training over MPI. Launch the program with
    /// <c>mpiexec -n N</c> (MPICH), call <see cref="initialize"/> and
    /// <c>set_distribution(new DataParallel())</c>, then <c>fit</c>, <c>evaluate</c> and
    /// <c>predict</c> as usual, on every rank.
    /// </summary>
    public static class distribution
    {
        private static bool _initialized;
        private static DataParallel? _distribution;

        /// <summary>
        /// Keras's <c>initialize</c>: starts MPI when the process was launched by <c>mpiexec</c>, and
        /// does nothing else otherwise (one process: rank 0 of 1). With MPI, mpiexec (and MPICH's host
        /// file, <c>-f hosts</c>) decide the processes: <paramref name="job_addresses"/> is not used, and
        /// <paramref name="num_processes"/> and <paramref name="process_id"/>, when given (or set in
        /// <c>KERAS_DISTRIBUTION_NUM_PROCESSES</c> / <c>KERAS_DISTRIBUTION_PROCESS_ID</c>), must agree with mpiexec's.
        /// Where CUDA is available, each rank's default device becomes the GPU of its rank on its
        /// machine (unless <c>KERAS_TORCH_DEVICE</c> is set): call it before making any tensor, as Keras asks.
        /// </summary>
        /// <param name="job_addresses">Keras's coordinator addresses; MPI takes the hosts from mpiexec instead.</param>
        /// <param name="num_processes">The expected number of processes; null: whatever mpiexec started.</param>
        /// <param name="process_id">The expected rank of this process; null: whatever mpiexec gave.</param>
        public static void initialize(string? job_addresses = null, int? num_processes = null, int? process_id = null)
        {
            _ = job_addresses;
            num_processes ??= int.TryParse(Environment.GetEnvironmentVariable("KERAS_DISTRIBUTION_NUM_PROCESSES"), out int n) ? n : null;
            process_id ??= int.TryParse(Environment.GetEnvironmentVariable("KERAS_DISTRIBUTION_PROCESS_ID"), out int p) ? p : null;
            if (Mpi.launched)
            {
                Mpi.start();
                // On GPUs each rank takes its own: the GPU of its rank on its machine, unless KERAS_TORCH_DEVICE chooses.
                if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("KERAS_TORCH_DEVICE")) && TorchSharp.torch.cuda.is_available())
                    Environment.SetEnvironmentVariable("KERAS_TORCH_DEVICE", $"cuda:{Mpi.local_rank % TorchSharp.torch.cuda.device_count()}");
            }
            else if (num_processes is > 1)
                throw new ArgumentException(
                    $"Invalid value received for argument num_processes. This process was not launched by mpiexec, so it runs alone; start the program with `mpiexec -n {num_processes} ...`. Received: num_processes={num_processes}",
                    nameof(num_processes));
            if (num_processes is int expected && expected != Mpi.size)
                throw new ArgumentException($"Invalid value received for argument num_processes. mpiexec started {Mpi.size} process(es). Received: num_processes={expected}", nameof(num_processes));
            if (process_id is int id && id != Mpi.rank)
                throw new ArgumentException($"Invalid value received for argument process_id. mpiexec gave this process rank {Mpi.rank}. Received: process_id={id}", nameof(process_id));
            _initialized = true;
        }

        /// <summary>
        /// Keras's <c>list_devices</c>: the devices of the whole job, one per process (<c>"cpu:0"</c>,
        /// <c>"cpu:1"</c>, ...; <c>"gpu:i"</c> where libtorch sees CUDA).
        /// </summary>
        /// <param name="device_type">"cpu" or "gpu"; null: "gpu" where CUDA is available, else "cpu".</param>
        public static IReadOnlyList<string> list_devices(string? device_type = null)
        {
            device_type ??= TorchSharp.torch.cuda.is_available() ? "gpu" : "cpu";
            if (device_type is not ("cpu" or "gpu"))
                throw new ArgumentException($"Invalid value received for argument device_type. Expected \"cpu\" or \"gpu\". Received: device_type={device_type}", nameof(device_type));
            if (device_type == "gpu" && !TorchSharp.torch.cuda.is_available()) return [];
            return Enumerable.Range(0, Mpi.size).Select(i => $"{device_type}:{i}").ToArray();
        }

        /// <summary>Keras's <c>get_device_count</c>: how many devices <see cref="list_devices"/> gives.</summary>
        public static int get_device_count(string? device_type = null) => list_devices(device_type).Count;

        /// <summary>This process's rank in the job (0 when it runs alone), Keras's backend <c>process_id()</c>.</summary>
        public static int process_id() => Mpi.rank;

        /// <summary>The number of processes in the job (1 when it runs alone), Keras's backend <c>num_processes()</c>.</summary>
        public static int num_processes() => Mpi.size;

        /// <summary>
        /// Keras's <c>keras.distribution.distribution()</c>: the distribution that <c>fit</c>,
        /// <c>evaluate</c> and <c>predict</c> follow; null: none. (C# forbids a member named like its
        /// class, hence the <c>get_</c>.)
        /// </summary>
        public static DataParallel? get_distribution() => _distribution;

        /// <summary>
        /// Keras's <c>set_distribution</c>: <c>fit</c>, <c>evaluate</c> and <c>predict</c> follow
        /// <paramref name="value"/> from now on (null: none). Needs <see cref="initialize"/> first.
        /// </summary>
        public static void set_distribution(DataParallel? value)
        {
            if (value is not null && !_initialized)
                throw new InvalidOperationException(
                    "keras.distribution.set_distribution: call keras.distribution.initialize() first (it starts MPI when the program runs under mpiexec).");
            _distribution = value;
        }

        /// <summary>Forgets <see cref="initialize"/> and the distribution, as in a new process (tests); MPI itself stays as it is.</summary>
        internal static void reset()
        {
            _initialized = false;
            _distribution = null;
        }
    }
}
