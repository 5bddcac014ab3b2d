using System.Globalization;
using System.Numerics;
using System.Text;

namespace KerasPort.Utils;

// Python's number formatting, digit for digit: f"{x:.4f}", f"{x:.4e}" and str.format with named
// fields ("{epoch:02d}-{val_loss:.2f}"). Keras prints its logs and names its checkpoint files this
// way. Python rounds the exact binary value half to even, which .NET's format strings do not always
// do, so the digits come from exact integer arithmetic.
internal static partial class PythonFormat
{
    /// <summary><c>f"{value:.{decimals}f}"</c>.</summary>
    public static string @fixed(double value, int decimals)
    {
        if (!double.IsFinite(value)) return repr(value);
        string digits = Scaled(Math.Abs(value), decimals).ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        string body = decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
        return (double.IsNegative(value) ? "-" : "") + body;
    }

    /// <summary><c>f"{value:.{decimals}e}"</c>: mantissa, then <c>e+XX</c> with at least two exponent digits.</summary>
    public static string exponent(double value, int decimals)
    {
        if (!double.IsFinite(value)) return repr(value);
        var (digits, exp) = Significant(Math.Abs(value), decimals + 1);
        string mantissa = decimals == 0 ? digits : digits[..1] + "." + digits[1..];
        return (double.IsNegative(value) ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Python's <c>template.format(**values)</c> for named fields with format specs
    /// (<c>{name}</c>, <c>{name:spec}</c>, <c>{name!r}</c>, <c>{{</c>, <c>}}</c>). A value is an
    /// <c>int</c>/<c>long</c> (a Python int) or a <c>double</c> (a Python float). A name missing
    /// from <paramref name="values"/> throws <see cref="KeyNotFoundException"/> with Python's
    /// KeyError text (the quoted name).
    /// </summary>
    public static string format(string template, IReadOnlyDictionary<string, object> values)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}') { sb.Append('}'); i++; continue; }
                throw new FormatException("Single '}' encountered in format string");
            }
            if (c != '{') { sb.Append(c); continue; }
            if (i + 1 < template.Length && template[i + 1] == '{') { sb.Append('{'); i++; continue; }
            int end = template.IndexOf('}', i + 1);
            if (end < 0) throw new FormatException("Single '{' encountered in format string");
            string field = template[(i + 1)..end];
            int colon = field.IndexOf(':');
            string spec = colon < 0 ? "" : field[(colon + 1)..];
            string head = colon < 0 ? field : field[..colon];
            int bang = head.IndexOf('!');
            string name = bang < 0 ? head : head[..bang];
            if (!values.TryGetValue(name, out var value)) throw new KeyNotFoundException($"'{name}'");
            sb.Append(bang < 0 ? format_value(value, spec) : format_value(ToText(value), spec));
            i = end;
        }
        return sb.ToString();
    }

    /// <summary>Python's <c>format(value, spec)</c> for an int, a float or a string.</summary>
    public static string format_value(object value, string spec)
    {
        var s = Spec.Parse(spec);
        string body;
        bool negative;
        switch (value)
        {
            case string text:
                if (s.Type is not (null or 's')) throw new FormatException($"Unknown format code '{s.Type}' for object of type 'str'");
                body = s.Precision is { } p && p < text.Length ? text[..p] : text;
                return Pad(body, "", s, defaultAlign: '<');
            case int or long:
                long n = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                if (s.Type is null or 'd' or 'n')
                {
                    if (s.Precision is not null) throw new FormatException("Precision not allowed in integer format specifier");
                    negative = n < 0;
                    body = Group(BigInteger.Abs(n).ToString(CultureInfo.InvariantCulture), s.Grouping);
                    return Pad(body, Sign(negative, s.Sign), s, defaultAlign: '>');
                }
                return FormatFloat(n, s);
            case double d:
                if (s.Type == 'd') throw new FormatException("Unknown format code 'd' for object of type 'float'");
                return FormatFloat(d, s);
            case float f:
                return FormatFloat(f, s);
            default:
                throw new FormatException($"Cannot format a value of type {value.GetType().Name}");
        }
    }

    private static string FormatFloat(double d, Spec s)
    {
        bool negative = double.IsNegative(d) && !double.IsNaN(d);
        double a = Math.Abs(d);
        string body;
        char type = s.Type ?? '\0';
        if (!double.IsFinite(a)) body = double.IsNaN(a) ? "nan" : "inf";
        else body = type switch
        {
            'f' or 'F' => @fixed(a, s.Precision ?? 6),
            'e' or 'E' => exponent(a, s.Precision ?? 6),
            'g' or 'G' or 'n' => General(a, s.Precision ?? 6, s.Alternate, noTypeRule: false),
            '%' => @fixed(a * 100, s.Precision ?? 6) + "%",
            '\0' => s.Precision is { } p ? General(a, p, s.Alternate, noTypeRule: true) : repr(a),
            _ => throw new FormatException($"Unknown format code '{type}' for object of type 'float'"),
        };
        if (type is 'F' or 'E' or 'G') body = body.ToUpperInvariant();
        if (double.IsFinite(a) && s.Grouping is { } g)
        {
            int point = body.IndexOfAny(['.', 'e', 'E', '%']);
            body = Group(point < 0 ? body : body[..point], g) + (point < 0 ? "" : body[point..]);
        }
        return Pad(body, Sign(negative, s.Sign), s, defaultAlign: '>');
    }

    /// <summary>The 'g' presentation (and the no-type one, which keeps a digit after the point).</summary>
    private static string General(double a, int precision, bool alternate, bool noTypeRule)
    {
        int p = precision == 0 ? 1 : precision;
        int exp = a == 0 ? 0 : Significant(a, p).exponent;
        string body;
        // With no type, Python keeps a digit after the point, so it switches to e-notation one digit earlier.
        if (exp >= -4 && exp < (noTypeRule ? p - 1 : p))
        {
            body = @fixed(a, p - 1 - exp);
            if (!alternate && body.Contains('.')) body = body.TrimEnd('0').TrimEnd('.');
            if (noTypeRule && !body.Contains('.')) body += ".0";
        }
        else
        {
            body = exponent(a, p - 1);
            if (!alternate)
            {
                int e = body.IndexOf('e');
                string mantissa = body[..e];
                if (mantissa.Contains('.')) mantissa = mantissa.TrimEnd('0').TrimEnd('.');
                body = mantissa + body[e..];
            }
        }
        return body;
    }

    private static string Sign(bool negative, char sign) => negative ? "-" : sign switch { '+' => "+", ' ' => " ", _ => "" };

    private static string Group(string digits, char? separator)
    {
        if (separator is not { } sep || digits.Length <= 3) return digits;
        var sb = new StringBuilder();
        for (int i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0) sb.Append(sep);
            sb.Append(digits[i]);
        }
        return sb.ToString();
    }

    private static string Pad(string body, string sign, Spec s, char defaultAlign)
    {
        int width = s.Width ?? 0;
        int length = sign.Length + body.Length;
        if (length >= width) return sign + body;
        char align = s.Align ?? (s.ZeroPad ? '=' : defaultAlign);
        char fill = s.Fill ?? (s.ZeroPad && s.Align is null ? '0' : ' ');
        int padding = width - length;
        return align switch
        {
            '<' => sign + body + new string(fill, padding),
            '^' => new string(fill, padding / 2) + sign + body + new string(fill, padding - padding / 2),
            '=' => sign + new string(fill, padding) + body,
            _ => new string(fill, padding) + sign + body,
        };
    }

    private static string ToText(object value) => value switch
    {
        double d => repr(d),
        float f => repr(f),
        string text => "'" + text + "'",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>round_half_even(value · 10^power) for a finite, non-negative value, exactly.</summary>
    private static BigInteger Scaled(double value, int power)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        int rawExponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        BigInteger mantissa = rawExponent == 0 ? fraction : fraction | (1L << 52);
        int exp2 = (rawExponent == 0 ? 1 : rawExponent) - 1075;
        BigInteger num = mantissa, den = BigInteger.One;
        if (exp2 >= 0) num <<= exp2; else den <<= -exp2;
        if (power >= 0) num *= BigInteger.Pow(10, power); else den *= BigInteger.Pow(10, -power);
        var q = BigInteger.DivRem(num, den, out var r);
        int half = (r * 2).CompareTo(den);
        if (half > 0 || (half == 0 && !q.IsEven)) q += 1;
        return q;
    }

    /// <summary>The first <paramref name="count"/> significant digits (rounded half even) and the decimal exponent.</summary>
    private static (string digits, int exponent) Significant(double value, int count)
    {
        if (value == 0) return (new string('0', count), 0);
        int exp = (int)Math.Floor(Math.Log10(value));
        var low = BigInteger.Pow(10, count - 1);
        var high = BigInteger.Pow(10, count);
        while (true)
        {
            var q = Scaled(value, count - 1 - exp);
            if (q >= high) { exp++; continue; }
            if (q < low) { exp--; continue; }
            return (q.ToString(CultureInfo.InvariantCulture), exp);
        }
    }

    private sealed record Spec(char? Fill, char? Align, char Sign, bool Alternate, bool ZeroPad, int? Width, char? Grouping, int? Precision, char? Type)
    {
        // [[fill]align][sign][#][0][width][grouping][.precision][type]
        public static Spec Parse(string spec)
        {
            int i = 0;
            char? fill = null, align = null;
            if (spec.Length >= 2 && "<>=^".Contains(spec[1])) { fill = spec[0]; align = spec[1]; i = 2; }
            else if (spec.Length >= 1 && "<>=^".Contains(spec[0])) { align = spec[0]; i = 1; }
            char sign = '-';
            if (i < spec.Length && "+- ".Contains(spec[i])) sign = spec[i++];
            bool alternate = false, zero = false;
            if (i < spec.Length && spec[i] == '#') { alternate = true; i++; }
            if (i < spec.Length && spec[i] == '0') { zero = true; i++; }
            int? width = ReadInt(spec, ref i);
            char? grouping = null;
            if (i < spec.Length && spec[i] is ',' or '_') grouping = spec[i++];
            int? precision = null;
            if (i < spec.Length && spec[i] == '.')
            {
                i++;
                precision = ReadInt(spec, ref i) ?? throw new FormatException("Format specifier missing precision");
            }
            char? type = i < spec.Length ? spec[i++] : null;
            if (i != spec.Length) throw new FormatException($"Invalid format specifier '{spec}'");
            return new Spec(fill, align, sign, alternate, zero, width, grouping, precision, type);
        }

        private static int? ReadInt(string spec, ref int i)
        {
            int start = i;
            while (i < spec.Length && char.IsAsciiDigit(spec[i])) i++;
            return i > start ? int.Parse(spec[start..i], CultureInfo.InvariantCulture) : null;
        }
    }
}
