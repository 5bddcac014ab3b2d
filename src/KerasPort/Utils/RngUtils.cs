using KerasPort.Backend;
using KerasPort.Utils;
using TorchSharp;

namespace KerasPort;

public static partial class keras
{
    public static partial class utils
    {
        /// <summary>
        /// Seeds every stream Keras code draws from, as <c>keras.utils.set_random_seed</c> does on the
        /// torch backend: Python's <c>random</c> (<see cref="PythonRandom.Global"/>: the seeds of
        /// unseeded initializers and SeedGenerators), numpy's global stream
        /// (<see cref="RandomState.Global"/>: ImageDataGenerator and its iterators) and torch's global
        /// generator (unseeded Dropout, the shuffling of <c>fit</c>), and forgets Keras's global
        /// SeedGenerator so the next unseeded <c>keras.random</c> call makes a new one.
        /// </summary>
        /// <param name="seed">The seed, 0 to 2**32 - 1 (numpy's range).</param>
        public static void set_random_seed(long seed)
        {
            if (seed < 0 || seed > uint.MaxValue)
                throw new ArgumentOutOfRangeException(nameof(seed), seed, $"Seed must be between 0 and 2**32 - 1. Received: seed={seed}");
            _random_seed = seed;
            SeedGenerator.reset_global_seed_generator();
            PythonRandom.Global.seed(seed);
            RandomState.Global.seed(seed);
            torch.manual_seed(seed);
        }

        private static long? _random_seed;

        /// <summary>Keras's <c>get_random_seed()</c>: the seed last given to <see cref="set_random_seed"/>, or null.</summary>
        public static long? get_random_seed() => _random_seed;
    }
}
