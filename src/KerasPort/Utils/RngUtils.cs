using KerasPort.Utils;
using TorchSharp;

namespace KerasPort;

public static partial class keras
{
    public static partial class utils
    {
        /// <summary>
        /// Seeds every generator Keras code draws from, as <c>keras.utils.set_random_seed</c> does
        /// on the torch backend: numpy's global generator (<see cref="RandomState.Global"/>, used by
        /// ImageDataGenerator and its iterators) and torch's (weights, dropout).
        /// </summary>
        public static void set_random_seed(long seed)
        {
            if (seed < 0 || seed > uint.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(seed), seed, $"Seed must be between 0 and 2**32 - 1. Received: seed={seed}");
            RandomState.Global.seed(seed);
            torch.manual_seed(seed);
        }
    }
}
