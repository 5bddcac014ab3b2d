using System.Collections;
using System.Globalization;

namespace KerasPort.Utils;

/// <summary>
/// Writes values as Python prints them, so that error messages, names, logs and checkpoint file
/// names read exactly as Keras's (<c>Received: l1=-0.1</c>, <c>nan</c>, <c>1e-05</c>, <c>None</c>,
/// <c>[0.1]</c>, <c>f"{x:.4f}"</c>, <c>"{epoch:02d}".format(...)</c>). The format specs are in
/// PythonFormat.Spec.cs.
/// </summary>
internal static partial class PythonFormat
{
    /// <summary>Python's <c>str(value)</c>, as an f-string interpolates it.</summary>
    public static string str(object? value) => value switch
    {
        string s => s,
        _ => repr(value),
    };

    /// <summary>Python's <c>repr(value)</c> for the values a config can hold.</summary>
    public static string repr(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        string s => "'" + s.Replace("\\", "\\\\").Replace("'", "\\'") + "'",
        double d => repr(d),
        float f => repr((double)f),
        IDictionary dict => "{" + string.Join(", ", dict.Keys.Cast<object>().Select(k => repr(k) + ": " + repr(dict[k]))) + "}",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(repr)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A shape as Python prints a tuple: <c>(2, 3, 4)</c>, <c>(5,)</c>.</summary>
    public static string tuple(IReadOnlyList<long> shape) =>
        shape.Count == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";

    /// <summary>Python's float repr: shortest round-trip digits, scientific below 1e-4 and from 1e16.</summary>
    public static string repr(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";

        // "E16" is not shortest; "R" is, so take its digits and exponent and re-lay them out.
        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int exp = 0;
        int e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
            r = r[..e];
        }
        int dot = r.IndexOf('.');
        string intPart = dot >= 0 ? r[..dot] : r;
        string fracPart = dot >= 0 ? r[(dot + 1)..] : "";
        string digits = (intPart + fracPart).TrimStart('0');
        int leadingZeros = (intPart + fracPart).Length - digits.Length;
        // Decimal exponent of the first significant digit.
        int point = intPart.Length + exp - leadingZeros - 1;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";

        string sign = value < 0 ? "-" : "";
        if (point < -4 || point >= 16)
        {
            string mant = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            return sign + mant + "e" + (point < 0 ? "-" : "+") + Math.Abs(point).ToString("00", CultureInfo.InvariantCulture);
        }
        if (point < 0)
            return sign + "0." + new string('0', -point - 1) + digits;
        if (digits.Length <= point + 1)
            return sign + digits + new string('0', point + 1 - digits.Length) + ".0";
        return sign + digits[..(point + 1)] + "." + digits[(point + 1)..];
    }
}
