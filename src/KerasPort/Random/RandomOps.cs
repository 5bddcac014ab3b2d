using KerasPort.Backend;
using KerasPort.Random;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    /// <summary>
    /// Keras's <c>keras.random</c>, drawing as Keras's torch backend draws: each call makes a fresh
    /// torch generator from its <c>seed</c> (an integer gives the same values every call, a
    /// <see cref="SeedGenerator"/> new ones each call, null Keras's global SeedGenerator), so the
    /// same program after the same <c>keras.utils.set_random_seed</c> gives Keras's numbers.
    /// </summary>
    public static partial class random
    {
        /// <summary>Draws from N(<paramref name="mean"/>, <paramref name="stddev"/>) (<c>torch.normal</c>).</summary>
        /// <param name="shape">The output's shape.</param>
        /// <param name="mean">The mean (default 0).</param>
        /// <param name="stddev">The standard deviation (default 1).</param>
        /// <param name="dtype">A floating type; null is float32.</param>
        /// <param name="seed">An integer, a SeedGenerator, or null for the global SeedGenerator.</param>
        public static Tensor normal(long[] shape, double mean = 0.0, double stddev = 1.0, ScalarType? dtype = null, RandomSeed? seed = null)
        {
            using var generator = TorchSeeds.torch_seed_generator(seed);
            return torch.empty(shape, dtype ?? ScalarType.Float32, device: generator.device).normal_(mean, stddev, generator);
        }

        /// <summary>
        /// Draws from U[<paramref name="minval"/>, <paramref name="maxval"/>): <c>torch.rand</c>, then
        /// <c>(maxval - minval) * r + minval</c> as Keras computes it. <paramref name="dtype"/> must be a
        /// floating type (null is float32).
        /// </summary>
        public static Tensor uniform(long[] shape, double minval = 0.0, double maxval = 1.0, ScalarType? dtype = null, RandomSeed? seed = null)
        {
            if (dtype is ScalarType d && !is_floating(d))
                throw new ArgumentException($"`keras.random.uniform` requires a floating point `dtype`. Received: dtype={d} ", nameof(dtype));
            // Keras draws one value for a scalar and takes it out.
            long[] draw_shape = shape.Length == 0 ? [1] : shape;
            using var generator = TorchSeeds.torch_seed_generator(seed);
            using var r = torch.rand(draw_shape, dtype ?? ScalarType.Float32, device: generator.device, generator: generator);
            using var scaled = r.mul(maxval - minval);
            var output = scaled.add(minval);
            if (shape.Length > 0) return output;
            using (output) return output[0];
        }

        /// <summary>
        /// Integers in [<paramref name="minval"/>, <paramref name="maxval"/>) (<c>torch.randint</c>);
        /// <paramref name="dtype"/> must be an integer type (default int32).
        /// </summary>
        public static Tensor randint(long[] shape, long minval, long maxval, ScalarType dtype = ScalarType.Int32, RandomSeed? seed = null)
        {
            if (is_floating(dtype) || dtype == ScalarType.Bool)
                throw new ArgumentException($"`keras.random.randint` requires an integer `dtype`. Received: dtype={dtype} ", nameof(dtype));
            using var generator = TorchSeeds.torch_seed_generator(seed);
            return torch.randint(minval, maxval, shape, dtype, device: generator.device, generator: generator);
        }

        /// <summary>
        /// Normal draws within two standard deviations of the mean, as Keras's torch backend makes
        /// them: four standard-normal draws per value, the first inside (-2, 2) kept (the first
        /// draw if none is), then scaled by <paramref name="stddev"/> and shifted by <paramref name="mean"/>.
        /// </summary>
        public static Tensor truncated_normal(long[] shape, double mean = 0.0, double stddev = 1.0, ScalarType? dtype = null, RandomSeed? seed = null)
        {
            using var scope = torch.NewDisposeScope();
            var x = normal([.. shape, 4], 0.0, 1.0, dtype, seed);
            var valid = (x > -2) & (x < 2);
            var (_, indexes) = valid.max(-1, keepdim: true);
            var picked = x.gather(-1, indexes).squeeze(-1);
            return picked.mul_(stddev).add_(mean).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// <paramref name="num_samples"/> class indices per row of <paramref name="logits"/>
        /// (<c>[batch_size, num_classes]</c>), drawn with replacement from their softmax (<c>torch.multinomial</c>).
        /// </summary>
        public static Tensor categorical(Tensor logits, long num_samples, ScalarType dtype = ScalarType.Int32, RandomSeed? seed = null)
        {
            ArgumentNullException.ThrowIfNull(logits);
            if (logits.dim() != 2)
                throw new ArgumentException($"`logits` should be a 2-D tensor with shape [batch_size, num_classes]. Received: logits of shape {Utils.PythonFormat.tuple(logits.shape)}", nameof(logits));
            using var probs = logits.softmax(-1);
            using var generator = TorchSeeds.torch_seed_generator(seed);
            using var samples = torch.multinomial(probs, num_samples, replacement: true, generator: generator);
            return samples.to_type(dtype);
        }

        /// <summary>
        /// Keras's <c>keras.random.dropout</c> on torch: zeros for rate 1, the input for rate 0;
        /// with an integer seed, a seeded SeedGenerator or a <paramref name="noise_shape"/>, a
        /// Bernoulli keep-mask of <paramref name="noise_shape"/> (null entries take the input's size)
        /// from the seeded generator, kept values divided by <c>1 - rate</c>; otherwise
        /// <c>torch.nn.functional.dropout</c>, which draws from torch's global generator.
        /// </summary>
        public static Tensor dropout(Tensor inputs, double rate, long?[]? noise_shape = null, RandomSeed? seed = null)
        {
            ArgumentNullException.ThrowIfNull(inputs);
            if (rate == 1.0) return torch.zeros_like(inputs);
            if (rate == 0.0) return inputs;
            bool seeded = seed is RandomSeed s && !(s.generator is SeedGenerator g && g.initial_seed is null);
            if (!seeded && noise_shape is null)
                return torch.nn.functional.dropout(inputs, rate, training: true);
            using var scope = torch.NewDisposeScope();
            double keep_prob = 1.0 - rate;
            long[] shape = noise_shape is null
                ? inputs.shape
                : noise_shape.Select((d, i) => d ?? inputs.shape[i]).ToArray();
            using var generator = TorchSeeds.torch_seed_generator(seed);
            var keep_prob_matrix = torch.full(shape, keep_prob, device: generator.device);
            var mask = torch.bernoulli(keep_prob_matrix, generator).to_type(ScalarType.Bool).to(inputs.device).broadcast_to(inputs.shape);
            return torch.where(mask, inputs / keep_prob, torch.zeros_like(inputs)).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// <paramref name="x"/> with its entries along <paramref name="axis"/> permuted, as Keras's
        /// torch backend does it: the argsort of uniform draws over the leading dimensions.
        /// </summary>
        public static Tensor shuffle(Tensor x, int axis = 0, RandomSeed? seed = null)
        {
            ArgumentNullException.ThrowIfNull(x);
            if (axis < 0 || axis >= x.dim())
                throw new ArgumentException($"Invalid value received for argument axis. Expected an axis of x (0 to {x.dim() - 1}). Received: axis={axis}", nameof(axis));
            using var scope = torch.NewDisposeScope();
            using var generator = TorchSeeds.torch_seed_generator(seed);
            var row_perm = torch.rand(x.shape[..(axis + 1)], device: generator.device, generator: generator).argsort(axis).to(x.device);
            for (int i = 0; i < x.dim() - axis - 1; i++) row_perm = row_perm.unsqueeze(-1);
            long[] repeats = [.. Enumerable.Repeat(1L, axis + 1), .. x.shape[(axis + 1)..]];
            return x.gather(axis, row_perm.repeat(repeats)).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// Draws from Gamma(<paramref name="alpha"/>, 1), as <c>torch.distributions.Gamma</c> samples
        /// it after <c>torch.manual_seed</c> with the drawn seed (Keras restores the global state
        /// afterwards; a fresh generator gives the same values without touching it).
        /// </summary>
        public static Tensor gamma(long[] shape, double alpha, ScalarType? dtype = null, RandomSeed? seed = null)
        {
            using var scope = torch.NewDisposeScope();
            using var generator = TorchSeeds.torch_seed_generator(seed);
            var concentration = torch.tensor((float)alpha, device: generator.device).broadcast_to(shape);
            var sample = distribution_gamma(concentration, generator);
            return sample.to_type(dtype ?? ScalarType.Float32).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// Draws from Binomial(<paramref name="counts"/>, <paramref name="probabilities"/>), as
        /// <c>torch.distributions.Binomial</c> samples it (<c>torch.binomial</c>) with the drawn seed.
        /// </summary>
        public static Tensor binomial(long[] shape, double counts, double probabilities, ScalarType? dtype = null, RandomSeed? seed = null)
        {
            using var scope = torch.NewDisposeScope();
            using var generator = TorchSeeds.torch_seed_generator(seed);
            var count = torch.tensor((float)counts, device: generator.device).broadcast_to(shape).contiguous();
            var prob = torch.tensor((float)probabilities, device: generator.device).broadcast_to(shape).contiguous();
            var sample = torch.binomial(count, prob, generator);
            return sample.to_type(dtype ?? ScalarType.Float32).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// Draws from Beta(<paramref name="alpha"/>, <paramref name="beta"/>), as
        /// <c>torch.distributions.Beta</c> samples it: the first entry of a Dirichlet draw over
        /// <c>[alpha, beta]</c> (<c>torch._sample_dirichlet</c>), with the drawn seed.
        /// </summary>
        public static Tensor beta(long[] shape, double alpha, double beta, ScalarType? dtype = null, RandomSeed? seed = null)
        {
            using var scope = torch.NewDisposeScope();
            using var generator = TorchSeeds.torch_seed_generator(seed);
            var c1 = torch.tensor((float)alpha, device: generator.device).broadcast_to(shape);
            var c0 = torch.tensor((float)beta, device: generator.device).broadcast_to(shape);
            var concentration = torch.stack([c1, c0], -1);
            var sample = torch._sample_dirichlet(concentration, generator).select(-1, 0);
            return sample.to_type(dtype ?? ScalarType.Float32).MoveToOuterDisposeScope();
        }

        // torch.distributions.Gamma.sample with rate 1: _standard_gamma, divided by the rate, clamped to the tiniest normal.
        private static Tensor distribution_gamma(Tensor concentration, Generator generator)
        {
            var value = torch._standard_gamma(concentration.contiguous(), generator) / torch.ones_like(concentration);
            return value.clamp_(min: tiny(value.dtype));
        }

        private static double tiny(ScalarType dtype) => dtype switch
        {
            ScalarType.Float64 => double.Epsilon * Math.Pow(2, 52),
            _ => BitConverter.Int32BitsToSingle(0x00800000),
        };

        private static bool is_floating(ScalarType dtype) =>
            dtype is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;
    }
}
