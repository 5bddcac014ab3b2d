using System.Security.Cryptography;

namespace KerasPort.Utils;

/// <summary>
/// numpy's legacy <c>numpy.random.RandomState</c> (MT19937), bit for bit: the same seed gives the
/// same words, doubles, bounded integers, permutations and normals as numpy, so Keras code that
/// draws from <c>np.random</c> draws the same numbers here. <see cref="Global"/> is numpy's global
/// <c>np.random</c>. Every method takes a lock, so one instance may be shared across threads;
/// the order of draws is then the order in which the threads take the lock.
/// </summary>
public sealed class RandomState
{
    private const int N = MersenneTwister.N;

    private readonly MersenneTwister _mt = new();
    private bool _hasGauss;
    private double _gauss;
    private readonly object _lock = new();

    /// <summary>numpy's global generator, the one behind <c>np.random.seed</c>, <c>np.random.uniform</c>, ...</summary>
    public static RandomState Global { get; } = new();

    /// <summary>
    /// A generator seeded as <c>np.random.RandomState(seed)</c>; with no seed, from OS entropy.
    /// </summary>
    public RandomState(long? seed = null)
    {
        if (seed is long s)
        {
            this.seed(s);
        }
        else
        {
            // numpy fills the key from OS entropy; a set top bit keeps the state non-zero.
            RandomNumberGenerator.Fill(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_mt.key.AsSpan()));
            _mt.key[0] |= 0x80000000u;
            _mt.pos = N;
        }
    }

    /// <summary>
    /// Reseeds as <c>np.random.seed(seed)</c> for an integer: MT19937's <c>init_genrand</c>,
    /// and forgets a cached normal.
    /// </summary>
    public void seed(long seed)
    {
        if (seed < 0 || seed > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(seed), seed, $"Seed must be between 0 and 2**32 - 1. Received: seed={seed}");
        lock (_lock)
        {
            _mt.init_genrand((uint)seed);
            _hasGauss = false;
            _gauss = 0;
        }
    }

    /// <summary>The 624-word MT19937 key and the position in it, as numpy's <c>get_state()</c> gives them.</summary>
    public (uint[] key, int pos) get_state()
    {
        lock (_lock) return _mt.get_state();
    }

    /// <summary>
    /// Restores a state that <see cref="get_state"/> gave, as numpy's <c>set_state</c> with a
    /// three-item state: the key and position, and no cached normal.
    /// </summary>
    public void set_state((uint[] key, int pos) state)
    {
        MersenneTwister.check_state(state, nameof(state));
        lock (_lock)
        {
            _mt.set_state(state);
            _hasGauss = false;
            _gauss = 0;
        }
    }

    /// <summary>One raw 32-bit word: <c>np.random.randint(0, 2**32, dtype=np.uint32)</c>.</summary>
    public uint next_uint32()
    {
        lock (_lock) return NextUInt32();
    }

    /// <summary>A double in [0, 1) from two words (53 random bits): <c>np.random.random_sample()</c>.</summary>
    public double random_sample()
    {
        lock (_lock) return NextDouble();
    }

    /// <summary><c>np.random.random()</c>, the same draw as <see cref="random_sample"/>.</summary>
    public double random() => random_sample();

    /// <summary><c>np.random.uniform(low, high)</c> = <c>low + (high - low) * random_sample()</c>.</summary>
    public double uniform(double low = 0.0, double high = 1.0)
    {
        double range = CheckedRange(low, high);
        lock (_lock) return low + range * NextDouble();
    }

    /// <summary><c>np.random.uniform(low, high, size)</c>: <paramref name="size"/> draws in order.</summary>
    public double[] uniform(double low, double high, int size)
    {
        if (size < 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Invalid value received for argument size. Expected a non-negative integer. Received: size={size}");
        double range = CheckedRange(low, high);
        var result = new double[size];
        lock (_lock)
        {
            for (int i = 0; i < size; i++)
                result[i] = low + range * NextDouble();
        }
        return result;
    }

    /// <summary>
    /// <c>np.random.randint(low, high)</c>: an integer in [low, high) (or [0, low) when
    /// <paramref name="high"/> is null), by numpy's masked rejection; a range of one value
    /// consumes nothing.
    /// </summary>
    public long randint(long low, long? high = null)
    {
        long lo = high is null ? 0 : low;
        long hi = high ?? low;
        if (lo >= hi)
            throw new ArgumentException($"low >= high. Received: low={lo}, high={hi}");
        ulong rng = unchecked((ulong)(hi - lo) - 1);
        lock (_lock) return unchecked(lo + (long)BoundedMasked(rng));
    }

    /// <summary>
    /// <c>np.random.choice(a)</c> for a list: <c>a[randint(0, len(a))]</c>.
    /// </summary>
    public T choice<T>(IReadOnlyList<T> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Count == 0)
            throw new ArgumentException("'a' cannot be empty unless no samples are taken", nameof(a));
        return a[(int)randint(0, a.Count)];
    }

    /// <summary><c>np.random.choice(n)</c> for an integer: a draw from range(n).</summary>
    public long choice(long a)
    {
        if (a <= 0)
            throw new ArgumentException($"a must be greater than 0 unless no samples are taken. Received: a={a}", nameof(a));
        return randint(0, a);
    }

    /// <summary><c>np.random.permutation(n)</c>: <c>arange(n)</c> shuffled as <see cref="shuffle{T}"/>.</summary>
    public int[] permutation(int n)
    {
        if (n < 0)
            throw new ArgumentOutOfRangeException(nameof(n), n, $"Invalid value received for argument n. Expected a non-negative integer. Received: n={n}");
        var result = new int[n];
        for (int i = 0; i < n; i++)
            result[i] = i;
        shuffle(result);
        return result;
    }

    /// <summary>
    /// <c>np.random.shuffle(x)</c> in place: Fisher-Yates from the end, each index drawn in
    /// [0, i] by masked rejection.
    /// </summary>
    public void shuffle<T>(T[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        lock (_lock)
        {
            for (int i = x.Length - 1; i > 0; i--)
            {
                int j = (int)BoundedMasked((ulong)i);
                (x[i], x[j]) = (x[j], x[i]);
            }
        }
    }

    /// <summary>
    /// <c>np.random.standard_normal()</c>: numpy's legacy polar method, which keeps the second
    /// value of each pair for the next call.
    /// </summary>
    public double standard_normal()
    {
        lock (_lock) return Gauss();
    }

    /// <summary><c>np.random.normal(loc, scale)</c> = <c>loc + scale * standard_normal()</c>.</summary>
    public double normal(double loc = 0.0, double scale = 1.0)
    {
        if (scale < 0 || double.IsNaN(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"scale < 0. Received: scale={scale}");
        lock (_lock) return loc + scale * Gauss();
    }

    private static double CheckedRange(double low, double high)
    {
        double range = high - low;
        if (!double.IsFinite(range))
            throw new OverflowException($"Range exceeds valid bounds. Received: low={low}, high={high}");
        return range;
    }

    private double Gauss()
    {
        if (_hasGauss)
        {
            _hasGauss = false;
            double cached = _gauss;
            _gauss = 0;
            return cached;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * NextDouble() - 1.0;
            x2 = 2.0 * NextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        _gauss = f * x1;
        _hasGauss = true;
        return f * x2;
    }

    // numpy's random_bounded_uint64 with use_masked: 32-bit words while the range fits them,
    // 64-bit words (high word first) beyond; a full-width range takes the raw word.
    private ulong BoundedMasked(ulong rng)
    {
        if (rng == 0)
            return 0;
        ulong mask = rng;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        mask |= mask >> 32;
        if (rng <= uint.MaxValue)
        {
            if (rng == uint.MaxValue)
                return NextUInt32();
            ulong v;
            while ((v = NextUInt32() & mask) > rng) { }
            return v;
        }
        if (rng == ulong.MaxValue)
            return NextUInt64();
        ulong w;
        while ((w = NextUInt64() & mask) > rng) { }
        return w;
    }

    private ulong NextUInt64() => ((ulong)NextUInt32() << 32) | NextUInt32();

    private double NextDouble() => _mt.next_double();

    private uint NextUInt32() => _mt.next_uint32();
}
