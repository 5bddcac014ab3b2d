using KerasPort.Utils;

namespace KerasPort.Backend;

/// <summary>
/// Keras's <c>keras.random.SeedGenerator</c>: a random stream whose state is <c>[seed, counter]</c>
/// (int32, as Keras's torch backend keeps it). Each <see cref="next"/> gives the current state and
/// advances the counter, and every draw seeded with it uses a fresh torch generator seeded with
/// <c>(seed + counter) &amp; 0xFFFFFFFF</c>, so a seeded stream gives the same draws run after run.
/// Without a seed, the seed is drawn at construction from Python's <c>random</c> module
/// (<see cref="PythonRandom.Global"/>, <c>randint(1, 10**9)</c>), which
/// <c>keras.utils.set_random_seed</c> seeds: the order in which generators are built decides
/// their seeds, as in Keras.
/// </summary>
public sealed class SeedGenerator
{
    private readonly object _lock = new();
    private int _seed;
    private int _counter;

    /// <summary>A new stream.</summary>
    /// <param name="seed">Its seed (an int32); null draws one from Python's <c>random</c> now.</param>
    /// <param name="name">Its name; null gives <c>seed_generator</c>, <c>seed_generator_1</c>, ...</param>
    public SeedGenerator(long? seed = null, string? name = null)
    {
        if (seed is < int.MinValue or > int.MaxValue)
            throw new ArgumentException(
                $"Argument `seed` must be an integer that fits in int32 (Keras's seed dtype on torch). Received: seed={seed}", nameof(seed));
        this.name = name ?? GlobalState.auto_name(nameof(SeedGenerator));
        initial_seed = seed;
        _seed = (int)(seed ?? make_default_seed());
    }

    /// <summary>The name given, or the automatic one.</summary>
    public string name { get; }

    /// <summary>The seed given to the constructor (null when it was drawn from Python's <c>random</c>).</summary>
    public long? initial_seed { get; }

    /// <summary>The current state, <c>[seed, counter]</c>.</summary>
    public int[] state
    {
        get
        {
            lock (_lock) return [_seed, _counter];
        }
    }

    /// <summary>
    /// Keras's <c>next(ordered=True)</c>: the current <c>[seed, counter]</c>, then the counter
    /// advances by one. With <paramref name="ordered"/> false (what the global generator uses),
    /// both entries become <c>(x + 1) * 5387 % 933199</c> in int32 arithmetic instead.
    /// </summary>
    public int[] next(bool ordered = true)
    {
        lock (_lock)
        {
            int[] current = [_seed, _counter];
            if (ordered)
            {
                _counter = unchecked(_counter + 1);
            }
            else
            {
                _seed = scramble(_seed);
                _counter = scramble(_counter);
            }
            return current;
        }
    }

    /// <summary>Keras's config: the seed given (null if none) and the name.</summary>
    public IDictionary<string, object?> get_config() =>
        new Dictionary<string, object?> { ["seed"] = initial_seed, ["name"] = name };

    /// <summary>A generator from a config that <see cref="get_config"/> gave.</summary>
    public static SeedGenerator from_config(IDictionary<string, object?> config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var unknown = config.Keys.Where(k => k is not ("seed" or "name")).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Unrecognized keyword arguments: {string.Join(", ", unknown)}", nameof(config));
        long? seed = config.TryGetValue("seed", out var s) && s is not null ? Convert.ToInt64(s) : null;
        string? name = config.TryGetValue("name", out var n) ? n as string : null;
        return new SeedGenerator(seed, name);
    }

    /// <summary>Keras's <c>make_default_seed()</c>: <c>random.randint(1, 10**9)</c> from Python's global stream.</summary>
    public static long make_default_seed() => PythonRandom.Global.randint(1, 1_000_000_000);

    private static readonly object _global_lock = new();
    private static SeedGenerator? _global;

    /// <summary>
    /// Keras's <c>global_seed_generator()</c>: the stream behind unseeded <c>keras.random</c> calls,
    /// made (with a seed from Python's <c>random</c>) on first use after start-up or after
    /// <c>keras.utils.set_random_seed</c>.
    /// </summary>
    public static SeedGenerator global_seed_generator()
    {
        lock (_global_lock) return _global ??= new SeedGenerator();
    }

    /// <summary>Forgets the global generator, as <c>set_random_seed</c> does; the next use makes a new one.</summary>
    internal static void reset_global_seed_generator()
    {
        lock (_global_lock) _global = null;
    }

    // int32 multiply wraps as torch's does; % keeps the divisor's sign, as torch.remainder.
    private static int scramble(int x)
    {
        int product = unchecked((x + 1) * 5387);
        int r = product % 933199;
        return r < 0 ? r + 933199 : r;
    }
}
