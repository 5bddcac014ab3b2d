using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace KerasPort.Utils;

/// <summary>
/// The subset of Python's pickle format that Keras's dataset files use, read as Keras's
/// <c>RestrictedUnpickler</c> reads them (keras/src/datasets/npz_utils.py): protocols 0 to 5,
/// plain values (ints, floats, str, bytes, lists, tuples, dicts) and numpy arrays, and no other
/// class: any other global is refused with Keras's error, so a malicious file cannot run code
/// (nothing is ever called here anyway). Python values come back as <c>long</c>,
/// <see cref="BigInteger"/> (beyond 64 bits), <c>double</c>, <c>string</c>, <c>byte[]</c>
/// (Python 2 strings too, as <c>encoding="bytes"</c> reads them), <c>List&lt;object?&gt;</c>,
/// <c>object?[]</c> (tuples), <see cref="PickleDict"/>, <c>bool</c>, null and <see cref="NdArray"/>.
/// </summary>
internal static class Pickle
{
    private static readonly HashSet<(string, string)> AllowedGlobals =
    [
        ("numpy", "ndarray"), ("numpy", "dtype"),
        ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"),
    ];

    private sealed record Global(string module, string name);

    private sealed class Mark
    {
        public static readonly Mark Instance = new();
    }

    /// <summary>A numpy dtype being unpickled: <c>numpy.dtype("u1")</c> gets its byte order from its state.</summary>
    private sealed class DType(string code)
    {
        public string code = code;
        public string byteorder = "|";
        public string descr => (code.Length > 0 && "<>|=".Contains(code[0]) ? "" : byteorder == "=" ? "<" : byteorder) + code;
    }

    /// <summary>Reads one pickled object from <paramref name="stream"/>; <paramref name="source"/> names the file in errors.</summary>
    public static object? load(Stream stream, string source)
    {
        var reader = new BinaryReader(stream, Encoding.Latin1, leaveOpen: true);
        var stack = new List<object?>();
        var memo = new Dictionary<long, object?>();
        try
        {
            while (true)
            {
                byte op = reader.ReadByte();
                switch (op)
                {
                    case 0x80: reader.ReadByte(); break; // PROTO
                    case 0x95: reader.ReadInt64(); break; // FRAME
                    case (byte)'.': return pop(stack); // STOP
                    case (byte)'(': stack.Add(Mark.Instance); break;
                    case (byte)'0': pop(stack); break;
                    case (byte)'1': pop_mark(stack); break;
                    case (byte)'2': stack.Add(stack[^1]); break;
                    case (byte)'N': stack.Add(null); break;
                    case 0x88: stack.Add(true); break;
                    case 0x89: stack.Add(false); break;
                    case (byte)'J': stack.Add((long)reader.ReadInt32()); break;
                    case (byte)'K': stack.Add((long)reader.ReadByte()); break;
                    case (byte)'M': stack.Add((long)reader.ReadUInt16()); break;
                    case 0x8a: stack.Add(long_bytes(reader.ReadBytes(reader.ReadByte()))); break;
                    case 0x8b: stack.Add(long_bytes(reader.ReadBytes(reader.ReadInt32()))); break;
                    case (byte)'I': stack.Add(text_int(line(reader))); break;
                    case (byte)'L': stack.Add(text_int(line(reader).TrimEnd('L'))); break;
                    case (byte)'F': stack.Add(double.Parse(line(reader), System.Globalization.CultureInfo.InvariantCulture)); break;
                    case (byte)'G': stack.Add(BinaryPrimitives.ReadDoubleBigEndian(reader.ReadBytes(8))); break;
                    case (byte)'T': stack.Add(reader.ReadBytes(reader.ReadInt32())); break;
                    case (byte)'U': stack.Add(reader.ReadBytes(reader.ReadByte())); break;
                    case (byte)'B': stack.Add(reader.ReadBytes(reader.ReadInt32())); break;
                    case (byte)'C': stack.Add(reader.ReadBytes(reader.ReadByte())); break;
                    case 0x8e: stack.Add(reader.ReadBytes(checked((int)reader.ReadInt64()))); break;
                    case 0x96: stack.Add(reader.ReadBytes(checked((int)reader.ReadInt64()))); break;
                    case (byte)'X': stack.Add(Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadInt32()))); break;
                    case 0x8c: stack.Add(Encoding.UTF8.GetString(reader.ReadBytes(reader.ReadByte()))); break;
                    case 0x8d: stack.Add(Encoding.UTF8.GetString(reader.ReadBytes(checked((int)reader.ReadInt64())))); break;
                    case (byte)'S': stack.Add(Encoding.Latin1.GetBytes(unquote(line(reader)))); break;
                    case (byte)'V': stack.Add(line(reader)); break;
                    case (byte)']': stack.Add(new List<object?>()); break;
                    case (byte)'l': stack.Add(new List<object?>(pop_mark(stack))); break;
                    case (byte)')': stack.Add(Array.Empty<object?>()); break;
                    case (byte)'t': stack.Add(pop_mark(stack).ToArray()); break;
                    case 0x85: stack.Add(new[] { pop(stack) }); break;
                    case 0x86: { var b = pop(stack); var a = pop(stack); stack.Add(new[] { a, b }); break; }
                    case 0x87: { var c = pop(stack); var b = pop(stack); var a = pop(stack); stack.Add(new[] { a, b, c }); break; }
                    case (byte)'}': stack.Add(new PickleDict()); break;
                    case (byte)'d': { var d = new PickleDict(); add_items(d, pop_mark(stack), source); stack.Add(d); break; }
                    case (byte)'a': { var v = pop(stack); list_of(stack[^1], source).Add(v); break; }
                    case (byte)'e': { var items = pop_mark(stack); list_of(stack[^1], source).AddRange(items); break; }
                    case (byte)'s': { var v = pop(stack); var k = pop(stack); dict_of(stack[^1], source).set(k, v); break; }
                    case (byte)'u': { var items = pop_mark(stack); add_items(dict_of(stack[^1], source), items, source); break; }
                    case (byte)'p': memo[long.Parse(line(reader))] = stack[^1]; break;
                    case (byte)'q': memo[reader.ReadByte()] = stack[^1]; break;
                    case (byte)'r': memo[reader.ReadUInt32()] = stack[^1]; break;
                    case 0x94: memo[memo.Count] = stack[^1]; break;
                    case (byte)'g': stack.Add(memo[long.Parse(line(reader))]); break;
                    case (byte)'h': stack.Add(memo[reader.ReadByte()]); break;
                    case (byte)'j': stack.Add(memo[reader.ReadUInt32()]); break;
                    case (byte)'c': stack.Add(global(line(reader), line(reader), source)); break;
                    case 0x93:
                    {
                        var name = pop(stack) as string;
                        var module = pop(stack) as string;
                        stack.Add(global(module ?? "", name ?? "", source));
                        break;
                    }
                    case (byte)'R':
                    {
                        var args = pop(stack) as object?[] ?? throw bad(source, "REDUCE without an argument tuple");
                        stack.Add(reduce(pop(stack), args, source));
                        break;
                    }
                    case (byte)'b':
                    {
                        var state = pop(stack);
                        build(stack[^1], state, source);
                        break;
                    }
                    default:
                        throw bad(source, $"unsupported pickle opcode 0x{op:x2}");
                }
            }
        }
        catch (EndOfStreamException)
        {
            throw bad(source, "the pickle ends before its STOP opcode");
        }
        catch (Exception e) when (e is InvalidCastException or KeyNotFoundException or ArgumentOutOfRangeException or FormatException or OverflowException)
        {
            throw bad(source, e.Message);
        }
    }

    private static InvalidDataException bad(string source, string what) => new($"{source}: not a valid pickle of a Keras dataset ({what}).");

    private static object? pop(List<object?> stack)
    {
        var v = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return v;
    }

    private static List<object?> pop_mark(List<object?> stack)
    {
        int k = stack.FindLastIndex(v => v is Mark);
        if (k < 0) throw new InvalidDataException("MARK not found");
        var items = stack.GetRange(k + 1, stack.Count - k - 1);
        stack.RemoveRange(k, stack.Count - k);
        return items;
    }

    private static List<object?> list_of(object? o, string source) => o as List<object?> ?? throw bad(source, "APPEND to something that is not a list");

    private static PickleDict dict_of(object? o, string source) => o as PickleDict ?? throw bad(source, "SETITEM on something that is not a dict");

    private static void add_items(PickleDict d, List<object?> items, string source)
    {
        if (items.Count % 2 != 0) throw bad(source, "odd number of dict items");
        for (int i = 0; i < items.Count; i += 2) d.set(items[i], items[i + 1]);
    }

    private static string line(BinaryReader reader)
    {
        var sb = new StringBuilder();
        char c;
        while ((c = (char)reader.ReadByte()) != '\n') sb.Append(c);
        return sb.ToString();
    }

    private static object text_int(string s) => s switch
    {
        "00" => false,
        "01" => true,
        _ => long.TryParse(s, out var v) ? v : BigInteger.Parse(s),
    };

    private static string unquote(string s) => s.Length >= 2 && (s[0] == '\'' || s[0] == '"') ? System.Text.RegularExpressions.Regex.Unescape(s[1..^1]) : s;

    private static object long_bytes(byte[] b)
    {
        var v = new BigInteger(b, isUnsigned: false, isBigEndian: false);
        return v >= long.MinValue && v <= long.MaxValue ? (long)v : v;
    }

    private static Global global(string module, string name, string source)
    {
        if (!AllowedGlobals.Contains((module, name)))
            throw new InvalidDataException($"Refusing to deserialize `{module}.{name}` while loading a Keras dataset. The file may be corrupted or malicious. ({source})");
        return new Global(module, name);
    }

    private static object reduce(object? callable, object?[] args, string source) => callable switch
    {
        Global { name: "_reconstruct" } => new NdArray(),
        Global { name: "dtype" } => new DType(text(args.Length > 0 ? args[0] : null, source)),
        _ => throw bad(source, $"REDUCE of {callable}"),
    };

    private static string text(object? o, string source) => o switch
    {
        string s => s,
        byte[] b => Encoding.Latin1.GetString(b),
        _ => throw bad(source, "expected a string"),
    };

    private static void build(object? target, object? state, string source)
    {
        var s = state as object?[] ?? throw bad(source, "BUILD without a state tuple");
        switch (target)
        {
            case DType dtype:
                // (version, byteorder, subarray, names, fields, elsize, alignment, flags)
                if (s.Length > 1 && s[1] is not null) dtype.byteorder = text(s[1], source);
                break;
            case NdArray array:
                // (version, shape, dtype, is_fortran, rawdata)
                if (s.Length != 5) throw bad(source, "unexpected ndarray state");
                array.shape = ((object?[])s[1]!).Select(d => Convert.ToInt64(d)).ToArray();
                array.descr = (s[2] as DType ?? throw bad(source, "ndarray without a dtype")).descr;
                array.fortran_order = s[3] is true;
                if (s[4] is byte[] raw) array.data = raw;
                else if (s[4] is string latin) array.data = Encoding.Latin1.GetBytes(latin);
                else if (s[4] is List<object?> items) array.items = items.ToArray();
                else throw bad(source, "ndarray data is neither bytes nor a list");
                break;
            default:
                throw bad(source, $"BUILD of {target?.GetType().Name ?? "None"}");
        }
    }
}

/// <summary>A Python dict from a pickle; keys compare as Python would (bytes keys by content).</summary>
internal sealed class PickleDict
{
    private readonly List<KeyValuePair<object?, object?>> _items = new();

    public IReadOnlyList<KeyValuePair<object?, object?>> items => _items;

    public void set(object? key, object? value)
    {
        int i = _items.FindIndex(kv => same(kv.Key, key));
        if (i >= 0) _items[i] = new(key, value);
        else _items.Add(new(key, value));
    }

    /// <summary>The value under <paramref name="key"/>, matched as a str or as its UTF-8 bytes (Keras decodes bytes keys with utf8).</summary>
    public bool TryGetValue(string key, out object? value)
    {
        foreach (var (k, v) in _items)
        {
            if ((k is string s && s == key) || (k is byte[] b && Encoding.UTF8.GetString(b) == key))
            {
                value = v;
                return true;
            }
        }
        value = null;
        return false;
    }

    private static bool same(object? a, object? b) => a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);
}

/// <summary>A numpy array from a pickle: its shape, dtype (<c>descr</c>, as in .npy headers) and raw bytes, or its items for an object array.</summary>
internal sealed class NdArray
{
    public long[] shape = [];
    public string descr = "";
    public bool fortran_order;
    public byte[]? data;
    public object?[]? items;
}
