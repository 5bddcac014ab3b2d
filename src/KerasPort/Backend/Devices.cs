using System.Text.RegularExpressions;
using TorchSharp;

namespace KerasPort.Backend
{

/// <summary>
/// Where KerasPort makes its tensors, as Keras 3's torch backend decides it: the device of the
/// innermost <c>keras.device(...)</c> scope, else the default device, which is
/// <c>KERAS_TORCH_DEVICE</c> when that environment variable is set, else <c>cuda</c> when a CUDA
/// libtorch runtime is loaded and a GPU is visible, else <c>cpu</c>.
/// </summary>
/// <remarks>
/// Weights are made on the current device when a layer builds; the optimizer's slots and the
/// seeded generators of <c>keras.random</c> follow; a layer moves its inputs to the device of its
/// weights, so batches from the CPU reach a model on a GPU without a manual copy, and
/// <c>predict</c> gives its outputs back on the CPU (as Keras gives NumPy arrays).
/// </remarks>
public static partial class Devices
{
    private static readonly AsyncLocal<string?> _scoped = new();
    private static readonly Lazy<string> _default = new(() =>
        default_device(Environment.GetEnvironmentVariable("KERAS_TORCH_DEVICE"), torch.cuda.is_available()));

    /// <summary>The current device's name, such as <c>cpu</c>, <c>cuda</c> or <c>cuda:1</c>.</summary>
    public static string get_device() => _scoped.Value ?? _default.Value;

    /// <summary>The current device as a torch device.</summary>
    public static torch.Device current() => new(get_device());

    /// <summary>
    /// Whether any layer of the process has made weights off the CPU: until then, the steps of
    /// <c>fit</c> and <c>predict</c> skip every placement check.
    /// </summary>
    internal static volatile bool weights_off_cpu;

    /// <summary>The tensor on the CPU (itself when it is there), as Keras hands NumPy arrays back.</summary>
    internal static torch.Tensor to_host(torch.Tensor tensor) => tensor.device_type == DeviceType.CPU ? tensor : tensor.cpu();

    /// <summary>Whether <paramref name="device"/> is the CPU, where KerasPort's tensors live unless told otherwise.</summary>
    internal static bool is_cpu(torch.Device device) => device.type == DeviceType.CPU;

    /// <summary>
    /// The default device: the environment's choice where given (checked like a scope's name),
    /// else CUDA where it is available, else the CPU.
    /// </summary>
    internal static string default_device(string? environment_choice, bool cuda_available) =>
        !string.IsNullOrEmpty(environment_choice) ? parse_device_name(environment_choice, "KERAS_TORCH_DEVICE")
        : cuda_available ? "cuda" : "cpu";

    /// <summary>
    /// Keras's <c>_parse_device_input</c>: lower case, <c>gpu</c> read as <c>cuda</c>; then checked
    /// against the devices libtorch has here (the CPU, or CUDA with an index below the GPU count).
    /// </summary>
    internal static string parse_device_name(string device_name, string argument = "device_name")
    {
        var name = device_name.Trim().ToLowerInvariant().Replace("gpu", "cuda");
        var match = DeviceName().Match(name);
        if (!match.Success)
            throw new ArgumentException(
                $"Invalid value for argument `{argument}`. Expected a string like 'gpu:0', 'cuda:0' or 'cpu'. Received: {argument}='{device_name}'",
                argument);
        if (match.Groups["type"].Value == "cuda")
        {
            if (!torch.cuda.is_available())
                throw new ArgumentException(
                    $"Cannot place tensors on '{device_name}': CUDA is not available (the loaded libtorch runtime is a CPU build, or no GPU is visible). " +
                    "Reference a CUDA runtime such as libtorch-cuda-12.8-linux-x64 instead of libtorch-cpu-linux-x64, or use 'cpu'.",
                    argument);
            if (match.Groups["index"].Success && int.Parse(match.Groups["index"].Value) >= torch.cuda.device_count())
                throw new ArgumentException(
                    $"Cannot place tensors on '{device_name}': this machine has {torch.cuda.device_count()} visible GPU(s), numbered from 0.",
                    argument);
        }
        return name;
    }

    /// <summary>Opens a scope that makes <paramref name="device_name"/> current until it is disposed.</summary>
    internal static DeviceScope enter(string device_name)
    {
        ArgumentNullException.ThrowIfNull(device_name);
        var name = parse_device_name(device_name);
        var previous = _scoped.Value;
        _scoped.Value = name;
        return new DeviceScope(name, () => _scoped.Value = previous);
    }

    [GeneratedRegex(@"^(?<type>cpu|cuda)(:(?<index>\d+))?$")]
    private static partial Regex DeviceName();
}
}

namespace KerasPort
{
public static partial class keras
{
    /// <summary>
    /// Keras's <c>with keras.device("gpu:0"):</c> as a <c>using</c> scope: layers built, weights
    /// made and random numbers drawn inside it go to that device, until the scope is disposed.
    /// Names are Keras's: <c>"cpu"</c>, <c>"gpu"</c>/<c>"gpu:1"</c> (read as <c>"cuda"</c>/<c>"cuda:1"</c>),
    /// <c>"cuda:0"</c>. The scope belongs to the code that opened it and the tasks it starts (an
    /// async-local value, as Keras's thread-local one).
    /// </summary>
    /// <param name="device_name">The device; a CUDA device must exist (a CUDA libtorch runtime and a visible GPU).</param>
    /// <example><code>
    /// using (keras.device("gpu:0"))
    /// {
    ///     model.compile(optimizer: "adam", loss: "mse");
    ///     model.fit(x, y, epochs: 5);
    /// }
    /// </code></example>
    public static Backend.DeviceScope device(string device_name) => Backend.Devices.enter(device_name);

    public static partial class config
    {
        /// <summary>
        /// The device KerasPort makes tensors on now: the innermost <see cref="keras.device"/> scope's,
        /// else the default (<c>KERAS_TORCH_DEVICE</c>, else <c>cuda</c> where a GPU is usable, else
        /// <c>cpu</c>). Not a Keras function: Keras on torch keeps it in <c>backend.get_device()</c>.
        /// </summary>
        public static string device() => Backend.Devices.get_device();
    }
}
}
