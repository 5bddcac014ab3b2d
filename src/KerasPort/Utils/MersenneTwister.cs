namespace KerasPort.Utils;

/// <summary>
/// The MT19937 generator shared by numpy's <see cref="RandomState"/> and Python's
/// <see cref="PythonRandom"/>: its 624-word key, the two seeding routines of the reference code
/// (<c>init_genrand</c>, <c>init_by_array</c>), raw 32-bit words and 53-bit doubles. Not
/// thread-safe: its owners lock around it.
/// </summary>
internal sealed class MersenneTwister
{
    public const int N = 624;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0df;
    private const uint UpperMask = 0x80000000;
    private const uint LowerMask = 0x7fffffff;

    /// <summary>The key; its words are the generator's state.</summary>
    public uint[] key { get; } = new uint[N];

    /// <summary>The position of the next word in <see cref="key"/>; <see cref="N"/> means a new block is due.</summary>
    public int pos { get; set; } = N;

    /// <summary>The key and position (a copy), as the owners' <c>get_state</c> give them.</summary>
    public (uint[] key, int pos) get_state() => ((uint[])key.Clone(), pos);

    /// <summary>
    /// Checks a state that <see cref="get_state"/> gave (before anything changes, so a refused one
    /// leaves the generator as it was); <see cref="set_state"/> then restores it.
    /// </summary>
    public static void check_state((uint[] key, int pos) state, string argument)
    {
        if (state.key is null || state.key.Length != N || state.pos < 0 || state.pos > N)
            throw new ArgumentException(
                $"Invalid value received for argument state. Expected a {N}-word key and a position between 0 and {N}. " +
                $"Received: key of {state.key?.Length ?? 0} words, pos={state.pos}", argument);
    }

    /// <summary>Restores a state that <see cref="check_state"/> accepted.</summary>
    public void set_state((uint[] key, int pos) state)
    {
        state.key.CopyTo(key, 0);
        pos = state.pos;
    }

    /// <summary>The reference <c>init_genrand(s)</c>.</summary>
    public void init_genrand(uint s)
    {
        for (int i = 0; i < N; i++)
        {
            key[i] = s;
            s = unchecked(1812433253u * (s ^ (s >> 30)) + (uint)(i + 1));
        }
        pos = N;
    }

    /// <summary>The reference <c>init_by_array(init_key)</c>, which CPython's <c>random.seed</c> uses.</summary>
    public void init_by_array(uint[] init_key)
    {
        init_genrand(19650218u);
        int i = 1, j = 0;
        int length = init_key.Length;
        for (int k = Math.Max(N, length); k > 0; k--)
        {
            key[i] = unchecked((key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) * 1664525u)) + init_key[j] + (uint)j);
            i++;
            j++;
            if (i >= N)
            {
                key[0] = key[N - 1];
                i = 1;
            }
            if (j >= length) j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            key[i] = unchecked((key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) * 1566083941u)) - (uint)i);
            i++;
            if (i >= N)
            {
                key[0] = key[N - 1];
                i = 1;
            }
        }
        key[0] = 0x80000000u; // the top bit set keeps the state non-zero
        pos = N;
    }

    /// <summary>The next tempered 32-bit word.</summary>
    public uint next_uint32()
    {
        if (pos >= N)
            generate();
        uint y = key[pos++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >> 18;
        return y;
    }

    /// <summary>A double in [0, 1) from two words (27 + 26 bits), as numpy and CPython make it.</summary>
    public double next_double()
    {
        uint a = next_uint32() >> 5;
        uint b = next_uint32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    private void generate()
    {
        int i;
        uint y;
        for (i = 0; i < N - M; i++)
        {
            y = (key[i] & UpperMask) | (key[i + 1] & LowerMask);
            key[i] = key[i + M] ^ (y >> 1) ^ ((y & 1) * MatrixA);
        }
        for (; i < N - 1; i++)
        {
            y = (key[i] & UpperMask) | (key[i + 1] & LowerMask);
            key[i] = key[i + (M - N)] ^ (y >> 1) ^ ((y & 1) * MatrixA);
        }
        y = (key[N - 1] & UpperMask) | (key[0] & LowerMask);
        key[N - 1] = key[M - 1] ^ (y >> 1) ^ ((y & 1) * MatrixA);
        pos = 0;
    }
}
