using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using KerasPort.Utils;

namespace KerasPort.Saving;

/// <summary>
/// JSON as Keras's <c>.keras</c> files hold it: <see cref="dumps"/> writes what Python's
/// <c>json.dumps</c> writes (separators <c>", "</c> and <c>": "</c>, ASCII with <c>\uXXXX</c>
/// escapes, floats as Python's repr, <c>NaN</c> and <c>Infinity</c>), so that a config reads the
/// same byte for byte; <see cref="loads"/> gives plain values (ordered dictionaries, lists,
/// <c>long</c>, <c>double</c>, <c>string</c>, <c>bool</c>, null).
/// </summary>
internal static class KerasJson
{
    public static string dumps(object? value)
    {
        var sb = new StringBuilder();
        write(sb, value);
        return sb.ToString();
    }

    private static void write(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case string s: write_string(sb, s); break;
            case double d: sb.Append(number(d)); break;
            case float f: sb.Append(number(f)); break;
            case int or long or short or sbyte or byte or uint or ulong or ushort:
                sb.Append(((IFormattable)value).ToString(null, CultureInfo.InvariantCulture)); break;
            case IDictionary dict:
                sb.Append('{');
                bool first = true;
                foreach (DictionaryEntry e in dict)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    write_string(sb, (string)e.Key);
                    sb.Append(": ");
                    write(sb, e.Value);
                }
                sb.Append('}');
                break;
            case IEnumerable list:
                sb.Append('[');
                bool head = true;
                foreach (var item in list)
                {
                    if (!head) sb.Append(", ");
                    head = false;
                    write(sb, item);
                }
                sb.Append(']');
                break;
            default:
                throw new ArgumentException($"Cannot write a value of type {value.GetType().Name} in a Keras config: {value}", nameof(value));
        }
    }

    private static string number(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PythonFormat.repr(d);

    private static void write_string(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>
    /// Parses JSON into ordered dictionaries, lists and scalars (integers as <c>long</c>). As
    /// Python's <c>json.loads</c> (and so Keras), the bare tokens <c>NaN</c>, <c>Infinity</c> and
    /// <c>-Infinity</c>, which <c>json.dumps</c> writes for non-finite floats, are read as doubles.
    /// </summary>
    public static object? loads(string json)
    {
        // System.Text.Json has no bare non-finite tokens: they become marked strings, read back below.
        string marker = "\uFDD0" + Guid.NewGuid().ToString("N");
        using var doc = JsonDocument.Parse(mark_non_finite(json, marker));
        return convert(doc.RootElement, marker);
    }

    /// <summary>Replaces the tokens NaN, Infinity and -Infinity outside strings by strings <c>"{marker}NaN"</c>, ...</summary>
    private static string mark_non_finite(string json, string marker)
    {
        if (json.IndexOf("NaN", StringComparison.Ordinal) < 0 && json.IndexOf("Infinity", StringComparison.Ordinal) < 0) return json;
        var sb = new StringBuilder(json.Length);
        bool in_string = false;
        for (int i = 0; i < json.Length; i++)
        {
            char c = json[i];
            if (in_string)
            {
                sb.Append(c);
                if (c == '\\' && i + 1 < json.Length) sb.Append(json[++i]);
                else if (c == '"') in_string = false;
                continue;
            }
            if (c == '"') in_string = true;
            string? token = c switch
            {
                'N' when string.CompareOrdinal(json, i, "NaN", 0, 3) == 0 => "NaN",
                'I' when string.CompareOrdinal(json, i, "Infinity", 0, 8) == 0 => "Infinity",
                '-' when string.CompareOrdinal(json, i, "-Infinity", 0, 9) == 0 => "-Infinity",
                _ => null,
            };
            if (token is null)
            {
                sb.Append(c);
                continue;
            }
            sb.Append('"').Append(marker).Append(token).Append('"');
            i += token.Length - 1;
        }
        return sb.ToString();
    }

    private static object? convert(JsonElement e, string marker) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().Aggregate(new Dictionary<string, object?>(StringComparer.Ordinal), (d, p) => { d[p.Name] = convert(p.Value, marker); return d; }),
        JsonValueKind.Array => e.EnumerateArray().Select(v => convert(v, marker)).ToList(),
        JsonValueKind.String => e.GetString() is { } s && s.StartsWith(marker, StringComparison.Ordinal)
            ? s[marker.Length..] switch { "NaN" => double.NaN, "Infinity" => double.PositiveInfinity, _ => (object)double.NegativeInfinity }
            : e.GetString(),
        JsonValueKind.Number => e.GetRawText().IndexOfAny(['.', 'e', 'E']) < 0 && e.TryGetInt64(out long l) ? (object)l : e.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
