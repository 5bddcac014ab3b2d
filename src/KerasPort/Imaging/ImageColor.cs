using System.Globalization;
using System.Text.RegularExpressions;

namespace KerasPort.Imaging;

/// <summary>PIL's ImageColor: colour strings (CSS names, "#rgb", "#rrggbb[aa]", "rgb(...)", "rgba(...)",
/// "hsl(...)", "hsv(...)") to channel values.</summary>
public static partial class ImageColor
{
    // PIL's colormap (the CSS colour names), as 0xRRGGBB.
    private static readonly Dictionary<string, int> colormap = new()
    {
        ["aliceblue"] = 0xf0f8ff, ["antiquewhite"] = 0xfaebd7, ["aqua"] = 0x00ffff, ["aquamarine"] = 0x7fffd4,
        ["azure"] = 0xf0ffff, ["beige"] = 0xf5f5dc, ["bisque"] = 0xffe4c4, ["black"] = 0x000000,
        ["blanchedalmond"] = 0xffebcd, ["blue"] = 0x0000ff, ["blueviolet"] = 0x8a2be2, ["brown"] = 0xa52a2a,
        ["burlywood"] = 0xdeb887, ["cadetblue"] = 0x5f9ea0, ["chartreuse"] = 0x7fff00,
        ["chocolate"] = 0xd2691e, ["coral"] = 0xff7f50, ["cornflowerblue"] = 0x6495ed,
        ["cornsilk"] = 0xfff8dc, ["crimson"] = 0xdc143c, ["cyan"] = 0x00ffff, ["darkblue"] = 0x00008b,
        ["darkcyan"] = 0x008b8b, ["darkgoldenrod"] = 0xb8860b, ["darkgray"] = 0xa9a9a9,
        ["darkgreen"] = 0x006400, ["darkgrey"] = 0xa9a9a9, ["darkkhaki"] = 0xbdb76b,
        ["darkmagenta"] = 0x8b008b, ["darkolivegreen"] = 0x556b2f, ["darkorange"] = 0xff8c00,
        ["darkorchid"] = 0x9932cc, ["darkred"] = 0x8b0000, ["darksalmon"] = 0xe9967a,
        ["darkseagreen"] = 0x8fbc8f, ["darkslateblue"] = 0x483d8b, ["darkslategray"] = 0x2f4f4f,
        ["darkslategrey"] = 0x2f4f4f, ["darkturquoise"] = 0x00ced1, ["darkviolet"] = 0x9400d3,
        ["deeppink"] = 0xff1493, ["deepskyblue"] = 0x00bfff, ["dimgray"] = 0x696969, ["dimgrey"] = 0x696969,
        ["dodgerblue"] = 0x1e90ff, ["firebrick"] = 0xb22222, ["floralwhite"] = 0xfffaf0,
        ["forestgreen"] = 0x228b22, ["fuchsia"] = 0xff00ff, ["gainsboro"] = 0xdcdcdc,
        ["ghostwhite"] = 0xf8f8ff, ["gold"] = 0xffd700, ["goldenrod"] = 0xdaa520, ["gray"] = 0x808080,
        ["green"] = 0x008000, ["greenyellow"] = 0xadff2f, ["grey"] = 0x808080, ["honeydew"] = 0xf0fff0,
        ["hotpink"] = 0xff69b4, ["indianred"] = 0xcd5c5c, ["indigo"] = 0x4b0082, ["ivory"] = 0xfffff0,
        ["khaki"] = 0xf0e68c, ["lavender"] = 0xe6e6fa, ["lavenderblush"] = 0xfff0f5, ["lawngreen"] = 0x7cfc00,
        ["lemonchiffon"] = 0xfffacd, ["lightblue"] = 0xadd8e6, ["lightcoral"] = 0xf08080,
        ["lightcyan"] = 0xe0ffff, ["lightgoldenrodyellow"] = 0xfafad2, ["lightgray"] = 0xd3d3d3,
        ["lightgreen"] = 0x90ee90, ["lightgrey"] = 0xd3d3d3, ["lightpink"] = 0xffb6c1,
        ["lightsalmon"] = 0xffa07a, ["lightseagreen"] = 0x20b2aa, ["lightskyblue"] = 0x87cefa,
        ["lightslategray"] = 0x778899, ["lightslategrey"] = 0x778899, ["lightsteelblue"] = 0xb0c4de,
        ["lightyellow"] = 0xffffe0, ["lime"] = 0x00ff00, ["limegreen"] = 0x32cd32, ["linen"] = 0xfaf0e6,
        ["magenta"] = 0xff00ff, ["maroon"] = 0x800000, ["mediumaquamarine"] = 0x66cdaa,
        ["mediumblue"] = 0x0000cd, ["mediumorchid"] = 0xba55d3, ["mediumpurple"] = 0x9370db,
        ["mediumseagreen"] = 0x3cb371, ["mediumslateblue"] = 0x7b68ee, ["mediumspringgreen"] = 0x00fa9a,
        ["mediumturquoise"] = 0x48d1cc, ["mediumvioletred"] = 0xc71585, ["midnightblue"] = 0x191970,
        ["mintcream"] = 0xf5fffa, ["mistyrose"] = 0xffe4e1, ["moccasin"] = 0xffe4b5,
        ["navajowhite"] = 0xffdead, ["navy"] = 0x000080, ["oldlace"] = 0xfdf5e6, ["olive"] = 0x808000,
        ["olivedrab"] = 0x6b8e23, ["orange"] = 0xffa500, ["orangered"] = 0xff4500, ["orchid"] = 0xda70d6,
        ["palegoldenrod"] = 0xeee8aa, ["palegreen"] = 0x98fb98, ["paleturquoise"] = 0xafeeee,
        ["palevioletred"] = 0xdb7093, ["papayawhip"] = 0xffefd5, ["peachpuff"] = 0xffdab9,
        ["peru"] = 0xcd853f, ["pink"] = 0xffc0cb, ["plum"] = 0xdda0dd, ["powderblue"] = 0xb0e0e6,
        ["purple"] = 0x800080, ["rebeccapurple"] = 0x663399, ["red"] = 0xff0000, ["rosybrown"] = 0xbc8f8f,
        ["royalblue"] = 0x4169e1, ["saddlebrown"] = 0x8b4513, ["salmon"] = 0xfa8072,
        ["sandybrown"] = 0xf4a460, ["seagreen"] = 0x2e8b57, ["seashell"] = 0xfff5ee, ["sienna"] = 0xa0522d,
        ["silver"] = 0xc0c0c0, ["skyblue"] = 0x87ceeb, ["slateblue"] = 0x6a5acd, ["slategray"] = 0x708090,
        ["slategrey"] = 0x708090, ["snow"] = 0xfffafa, ["springgreen"] = 0x00ff7f, ["steelblue"] = 0x4682b4,
        ["tan"] = 0xd2b48c, ["teal"] = 0x008080, ["thistle"] = 0xd8bfd8, ["tomato"] = 0xff6347,
        ["turquoise"] = 0x40e0d0, ["violet"] = 0xee82ee, ["wheat"] = 0xf5deb3, ["white"] = 0xffffff,
        ["whitesmoke"] = 0xf5f5f5, ["yellow"] = 0xffff00, ["yellowgreen"] = 0x9acd32,
    };

    /// <summary>Parses a colour string into (red, green, blue[, alpha]), as PIL's <c>ImageColor.getrgb</c>.</summary>
    public static int[] getrgb(string color)
    {
        ArgumentNullException.ThrowIfNull(color);
        if (color.Length > 100)
            throw new ArgumentException("color specifier is too long", nameof(color));
        string c = color.ToLowerInvariant();
        if (colormap.TryGetValue(c, out int packed))
            return [(packed >> 16) & 255, (packed >> 8) & 255, packed & 255];
        if (HexColor().IsMatch(c))
        {
            // #rgb and #rgba repeat each digit; #rrggbb and #rrggbbaa take pairs.
            string digits = c[1..];
            int width = digits.Length is 3 or 4 ? 1 : 2;
            var result = new int[digits.Length / width];
            for (int i = 0; i < result.Length; i++)
            {
                string part = digits.Substring(i * width, width);
                result[i] = int.Parse(width == 1 ? part + part : part, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
            return result;
        }
        Match m;
        if ((m = RgbColor().Match(c)).Success)
            return [Int(m, 1), Int(m, 2), Int(m, 3)];
        if ((m = RgbPercentColor().Match(c)).Success)
            return [Percent(m, 1), Percent(m, 2), Percent(m, 3)];
        if ((m = HslColor().Match(c)).Success)
            return ToBytes(HlsToRgb(Dbl(m, 1) / 360.0, Dbl(m, 3) / 100.0, Dbl(m, 2) / 100.0));
        if ((m = HsvColor().Match(c)).Success)
            return ToBytes(HsvToRgb(Dbl(m, 1) / 360.0, Dbl(m, 2) / 100.0, Dbl(m, 3) / 100.0));
        if ((m = RgbaColor().Match(c)).Success)
            return [Int(m, 1), Int(m, 2), Int(m, 3), Int(m, 4)];
        throw new ArgumentException($"unknown color specifier: '{color}'", nameof(color));
    }

    /// <summary>As <see cref="getrgb"/>, converted to <paramref name="mode"/>: one grey level for "L"
    /// (ITU-R 601-2, PIL's 16-bit fixed point), (r, g, b) for "RGB", (r, g, b, a) for "RGBA".</summary>
    public static int[] getcolor(string color, string mode)
    {
        int[] rgb = getrgb(color);
        int alpha = rgb.Length == 4 ? rgb[3] : 255;
        return mode switch
        {
            "L" => [Luma(rgb[0], rgb[1], rgb[2])],
            "RGB" => [rgb[0], rgb[1], rgb[2]],
            "RGBA" => [rgb[0], rgb[1], rgb[2], alpha],
            _ => throw new ArgumentException(
                $"Invalid value received for argument mode. Expected one of \"L\", \"RGB\", \"RGBA\". Received: mode={mode}", nameof(mode)),
        };
    }

    /// <summary>PIL's RGB to L conversion: (R*19595 + G*38470 + B*7471 + 0x8000) >> 16.</summary>
    internal static int Luma(int r, int g, int b) => (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;

    private static int Int(Match m, int g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
    private static double Dbl(Match m, int g) => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
    private static int Percent(Match m, int g) => (int)(Int(m, g) * 255 / 100.0 + 0.5);
    private static int[] ToBytes((double r, double g, double b) c) =>
        [(int)(c.r * 255 + 0.5), (int)(c.g * 255 + 0.5), (int)(c.b * 255 + 0.5)];

    // Python's colorsys.hls_to_rgb and hsv_to_rgb.
    private static (double, double, double) HlsToRgb(double h, double l, double s)
    {
        if (s == 0.0) return (l, l, l);
        double m2 = l <= 0.5 ? l * (1.0 + s) : l + s - l * s;
        double m1 = 2.0 * l - m2;
        return (HlsValue(m1, m2, h + 1.0 / 3.0), HlsValue(m1, m2, h), HlsValue(m1, m2, h - 1.0 / 3.0));
    }

    private static double HlsValue(double m1, double m2, double hue)
    {
        hue = ((hue % 1.0) + 1.0) % 1.0;
        if (hue < 1.0 / 6.0) return m1 + (m2 - m1) * hue * 6.0;
        if (hue < 0.5) return m2;
        if (hue < 2.0 / 3.0) return m1 + (m2 - m1) * (2.0 / 3.0 - hue) * 6.0;
        return m1;
    }

    private static (double, double, double) HsvToRgb(double h, double s, double v)
    {
        if (s == 0.0) return (v, v, v);
        int i = (int)(h * 6.0);
        double f = h * 6.0 - i;
        double p = v * (1.0 - s), q = v * (1.0 - s * f), t = v * (1.0 - s * (1.0 - f));
        return (((i % 6) + 6) % 6) switch
        {
            0 => (v, t, p),
            1 => (q, v, p),
            2 => (p, v, t),
            3 => (p, q, v),
            4 => (t, p, v),
            _ => (v, p, q),
        };
    }

    [GeneratedRegex("^#([a-f0-9]{3}|[a-f0-9]{4}|[a-f0-9]{6}|[a-f0-9]{8})$")]
    private static partial Regex HexColor();
    [GeneratedRegex(@"^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$")]
    private static partial Regex RgbColor();
    [GeneratedRegex(@"^rgb\(\s*(\d+)%\s*,\s*(\d+)%\s*,\s*(\d+)%\s*\)$")]
    private static partial Regex RgbPercentColor();
    [GeneratedRegex(@"^hsl\(\s*(\d+\.?\d*)\s*,\s*(\d+\.?\d*)%\s*,\s*(\d+\.?\d*)%\s*\)$")]
    private static partial Regex HslColor();
    [GeneratedRegex(@"^hs[bv]\(\s*(\d+\.?\d*)\s*,\s*(\d+\.?\d*)%\s*,\s*(\d+\.?\d*)%\s*\)$")]
    private static partial Regex HsvColor();
    [GeneratedRegex(@"^rgba\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$")]
    private static partial Regex RgbaColor();
}
