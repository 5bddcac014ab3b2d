using System.Numerics;
using System.Security.Cryptography;

namespace KerasPort.Utils;

/// <summary>
/// CPython's <c>random.Random</c> (MT19937 seeded through <c>init_by_array</c>), bit for bit: the
/// same seed gives the same <c>random()</c>, <c>getrandbits</c>, <c>randint</c>, <c>shuffle</c>,
/// ... as Python 3.11. <see cref="Global"/> is Python's module-level stream (<c>random.seed</c>,
/// <c>random.randint</c>, ...), the one Keras draws unseeded initializer and SeedGenerator seeds
/// from. Every method takes a lock, so one instance may be shared across threads.
/// </summary>
public sealed class PythonRandom
{
    private readonly MersenneTwister _mt = new();
    private readonly object _lock = new();

    /// <summary>Python's module-level generator, behind <c>random.seed</c>, <c>random.randint</c>, ...</summary>
    public static PythonRandom Global { get; } = new();

    /// <summary>A generator seeded as <c>random.Random(seed)</c>; with no seed, from OS entropy.</summary>
    public PythonRandom(BigInteger? seed = null) => this.seed(seed);

    /// <summary>
    /// Reseeds as <c>random.seed(a)</c> for an integer: the 32-bit words of <c>abs(a)</c>, least
    /// significant first (one zero word for 0), go through <c>init_by_array</c>. Null seeds from
    /// OS entropy, as Python does.
    /// </summary>
    public void seed(BigInteger? a = null)
    {
        uint[] init_key;
        if (a is BigInteger value)
        {
            var bytes = BigInteger.Abs(value).ToByteArray(isUnsigned: true, isBigEndian: false);
            init_key = new uint[Math.Max(1, (bytes.Length + 3) / 4)];
            for (int i = 0; i < bytes.Length; i++)
                init_key[i / 4] |= (uint)bytes[i] << (8 * (i % 4));
        }
        else
        {
            init_key = new uint[MersenneTwister.N];
            RandomNumberGenerator.Fill(System.Runtime.InteropServices.MemoryMarshal.AsBytes(init_key.AsSpan()));
        }
        lock (_lock) _mt.init_by_array(init_key);
    }

    /// <summary>The 624-word key and the position in it (the first two parts of Python's <c>getstate()</c>).</summary>
    public (uint[] key, int pos) getstate()
    {
        lock (_lock) return _mt.get_state();
    }

    /// <summary>Restores a state that <see cref="getstate"/> gave, as Python's <c>setstate</c>.</summary>
    public void setstate((uint[] key, int pos) state)
    {
        MersenneTwister.check_state(state, nameof(state));
        lock (_lock) _mt.set_state(state);
    }

    /// <summary><c>random()</c>: a double in [0, 1) with 53 random bits.</summary>
    public double random()
    {
        lock (_lock) return _mt.next_double();
    }

    /// <summary>
    /// <c>getrandbits(k)</c>: a non-negative integer of <paramref name="k"/> random bits, built from
    /// 32-bit words least significant first (the last word keeps its top bits).
    /// </summary>
    public BigInteger getrandbits(int k)
    {
        if (k < 0)
            throw new ArgumentException($"number of bits must be non-negative. Received: k={k}", nameof(k));
        if (k <= 64)
        {
            lock (_lock) return bits64(k);
        }
        var bytes = new byte[(k + 31) / 32 * 4];
        lock (_lock)
        {
            for (int i = 0, left = k; left > 0; i++, left -= 32)
            {
                uint word = _mt.next_uint32();
                if (left < 32) word >>= 32 - left;
                BitConverter.TryWriteBytes(bytes.AsSpan(4 * i), word);
            }
        }
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
    }

    /// <summary>
    /// <c>randrange(start, stop, step)</c>; <c>randrange(stop)</c> when <paramref name="stop"/> is null.
    /// Raises as Python does for an empty range or a zero step.
    /// </summary>
    public long randrange(long start, long? stop = null, long step = 1)
    {
        if (stop is not long end)
        {
            if (start > 0) return randbelow(start);
            throw new ArgumentException("empty range for randrange()", nameof(start));
        }
        long width = end - start;
        if (step == 1)
        {
            if (width > 0) return start + randbelow(width);
            throw new ArgumentException($"empty range for randrange ({start}, {end}, {step})", nameof(stop));
        }
        long n = step switch
        {
            > 0 => floor_div(width + step - 1, step),
            < 0 => floor_div(width + step + 1, step),
            _ => throw new ArgumentException("zero step for randrange()", nameof(step)),
        };
        if (n <= 0)
            throw new ArgumentException($"empty range for randrange ({start}, {end}, {step})", nameof(stop));
        return start + step * randbelow(n);
    }

    /// <summary><c>randint(a, b)</c>: an integer in [a, b], both ends included (<c>randrange(a, b + 1)</c>).</summary>
    public long randint(long a, long b) => randrange(a, b + 1);

    /// <summary><c>uniform(a, b)</c> = <c>a + (b - a) * random()</c>.</summary>
    public double uniform(double a, double b) => a + (b - a) * random();

    /// <summary><c>choice(seq)</c>: one element, picked with <c>_randbelow(len(seq))</c>.</summary>
    public T choice<T>(IReadOnlyList<T> seq)
    {
        ArgumentNullException.ThrowIfNull(seq);
        if (seq.Count == 0)
            throw new ArgumentException("Cannot choose from an empty sequence", nameof(seq));
        return seq[(int)randbelow(seq.Count)];
    }

    /// <summary><c>shuffle(x)</c> in place: Fisher-Yates from the end, <c>j = _randbelow(i + 1)</c>.</summary>
    public void shuffle<T>(IList<T> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        lock (_lock)
        {
            for (int i = x.Count - 1; i > 0; i--)
            {
                int j = (int)randbelow_locked(i + 1);
                (x[i], x[j]) = (x[j], x[i]);
            }
        }
    }

    /// <summary>
    /// <c>sample(population, k)</c>: <paramref name="k"/> distinct elements in selection order, by
    /// Python's two strategies (a shrinking pool for small populations, rejection of repeats otherwise).
    /// </summary>
    public List<T> sample<T>(IReadOnlyList<T> population, int k)
    {
        ArgumentNullException.ThrowIfNull(population);
        int n = population.Count;
        if (k < 0 || k > n)
            throw new ArgumentException($"Sample larger than population or is negative. Received: k={k} for a population of {n}", nameof(k));
        var result = new List<T>(k);
        // Python's rule for when a set of picks is cheaper than a copy of the population.
        long setsize = 21;
        if (k > 5) setsize += (long)Math.Pow(4, Math.Ceiling(Math.Log(k * 3.0) / Math.Log(4.0)));
        lock (_lock)
        {
            if (n <= setsize)
            {
                var pool = population.ToList();
                for (int i = 0; i < k; i++)
                {
                    int j = (int)randbelow_locked(n - i);
                    result.Add(pool[j]);
                    pool[j] = pool[n - i - 1];
                }
            }
            else
            {
                var selected = new HashSet<int>();
                for (int i = 0; i < k; i++)
                {
                    int j = (int)randbelow_locked(n);
                    while (!selected.Add(j)) j = (int)randbelow_locked(n);
                    result.Add(population[j]);
                }
            }
        }
        return result;
    }

    /// <summary>Python's <c>_randbelow</c>: <c>getrandbits(n.bit_length())</c> until the draw is below <paramref name="n"/>.</summary>
    public long randbelow(long n)
    {
        lock (_lock) return randbelow_locked(n);
    }

    private long randbelow_locked(long n)
    {
        if (n <= 0)
            throw new ArgumentException($"_randbelow is defined for n > 0. Received: n={n}", nameof(n));
        int k = 64 - BitOperations.LeadingZeroCount((ulong)n);
        ulong r = bits64(k);
        while (r >= (ulong)n) r = bits64(k);
        return (long)r;
    }

    private ulong bits64(int k)
    {
        if (k == 0) return 0;
        if (k <= 32) return _mt.next_uint32() >> (32 - k);
        ulong low = _mt.next_uint32();
        ulong high = _mt.next_uint32() >> (64 - k);
        return low | (high << 32);
    }

    private static long floor_div(long a, long b)
    {
        long q = a / b;
        return a % b != 0 && (a < 0) != (b < 0) ? q - 1 : q;
    }
}
