using System.Text;

namespace KerasPort.Models;

/// <summary>
/// The table that Keras's summary gets from rich: <c>HEAVY_HEAD</c> box, a line between rows,
/// one space of padding in each cell, columns of fixed width shrunk as rich shrinks them to fit
/// the table width.
/// </summary>
internal static class RichTable
{
    public static string render(string[] header, bool[] right_align, int[] column_widths, int table_width, IReadOnlyList<string[]> rows)
    {
        int n = header.Length;
        // rich measures a fixed-width column as its width plus padding; when the total exceeds the
        // room inside the borders it takes the excess off evenly (ratio_reduce with equal ratios).
        var widths = column_widths.Select(w => w + 2).ToArray();
        int room = table_width - (n + 1);
        int excess = widths.Sum() - room;
        if (excess > 0) widths = ratio_reduce(excess, widths);

        var text = new StringBuilder();
        text.Append(rule('┏', '━', '┳', '┓', widths));
        text.Append(row('┃', header, widths, right_align));
        text.Append(rule('┡', '━', '╇', '┩', widths));
        for (int r = 0; r < rows.Count; r++)
        {
            if (r > 0) text.Append(rule('├', '─', '┼', '┤', widths));
            text.Append(row('│', rows[r], widths, right_align));
        }
        text.Append(rule('└', '─', '┴', '┘', widths));
        return text.ToString();
    }

    private static int[] ratio_reduce(int total, int[] values)
    {
        var result = new int[values.Length];
        int remaining = total;
        int total_ratio = values.Length;
        for (int i = 0; i < values.Length; i++)
        {
            int distributed = (int)Math.Min(values[i], Math.Round((double)remaining / total_ratio, MidpointRounding.ToEven));
            result[i] = values[i] - distributed;
            remaining -= distributed;
            total_ratio -= 1;
        }
        return result;
    }

    private static string rule(char left, char fill, char cross, char right, int[] widths) =>
        left + string.Join(cross, widths.Select(w => new string(fill, w))) + right + "\n";

    /// <summary>One table row; a cell too long for its column wraps onto more lines, as rich wraps it.</summary>
    private static string row(char edge, string[] cells, int[] widths, bool[] right_align)
    {
        var wrapped = cells.Select((cell, i) => wrap(cell, widths[i] - 2)).ToArray();
        int height = wrapped.Max(lines => lines.Count);
        var text = new StringBuilder();
        for (int line = 0; line < height; line++)
        {
            var parts = wrapped.Select((lines, i) =>
            {
                int inner = widths[i] - 2;
                var content = line < lines.Count ? lines[line] : "";
                return " " + (right_align[i] ? content.PadLeft(inner) : content.PadRight(inner)) + " ";
            });
            text.Append(edge).Append(string.Join(edge, parts)).Append(edge).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Word wrap at spaces; a word longer than the width is cut with an ellipsis (rich's default overflow).</summary>
    private static List<string> wrap(string text, int width)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length <= width)
            {
                current.Append(' ').Append(word);
                continue;
            }
            if (current.Length > 0) lines.Add(current.ToString());
            current.Clear();
            current.Append(word.Length > width ? word[..(width - 1)] + "…" : word);
        }
        lines.Add(current.ToString());
        return lines;
    }
}
