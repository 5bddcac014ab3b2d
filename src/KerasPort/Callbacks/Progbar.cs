using System.Diagnostics;
using System.Text;
using KerasPort.Utils;

namespace KerasPort.Callbacks;

/// <summary>
/// Keras 3's progress bar (<c>keras.utils.Progbar</c>) as <see cref="ProgbarLogger"/> drives it:
/// values are shown as given (the logs are already running means), verbose 1 redraws one line
/// per update, verbose 2 writes one line when the bar is finalized. The text is Keras's,
/// ANSI bold/colour escapes and <c>━</c> bar included.
/// </summary>
internal sealed class Progbar
{
    private readonly int _width;
    private readonly int _verbose;
    private readonly double _interval;
    private readonly string _unit_name;
    private readonly TextWriter _writer;
    private readonly bool _dynamic_display;
    private readonly Func<double> _clock;
    private readonly List<string> _values_order = new();
    private readonly Dictionary<string, double> _values = new();
    private readonly double _start;
    private double _last_update;
    private double? _time_after_first_step;
    private int _prev_total_width;

    public Progbar(int? target, TextWriter writer, bool dynamic_display, Func<double> clock, int width = 20, int verbose = 1,
                   double interval = 0.05, string unit_name = "step")
    {
        this.target = target;
        _writer = writer;
        _dynamic_display = dynamic_display;
        _clock = clock;
        _width = width;
        _verbose = verbose;
        _interval = interval;
        _unit_name = unit_name;
        _start = clock();
    }

    /// <summary>Total steps; null while unknown (the first epoch of an iterator without a length).</summary>
    public int? target { get; set; }

    /// <summary>Keras's seconds since an arbitrary origin, for the bar's timings.</summary>
    public static Func<double> system_clock()
    {
        var watch = Stopwatch.StartNew();
        return () => watch.Elapsed.TotalSeconds;
    }

    public void update(int current, IEnumerable<KeyValuePair<string, double>>? values, bool finalize)
    {
        foreach (var (k, v) in values ?? [])
        {
            if (!_values.ContainsKey(k)) _values_order.Add(k);
            _values[k] = v;
        }

        double now = _clock();
        double time_per_unit = EstimateStepDuration(current, now);

        if (_verbose == 1)
        {
            if (now - _last_update < _interval && !finalize) return;
            var message = new StringBuilder();
            message.Append(_dynamic_display ? new string('\b', _prev_total_width) + "\r" : "\n");

            string bar;
            int special_char_len = 0;
            if (target is { } t && t > 0)
            {
                int numdigits = (int)Math.Log10(t) + 1;
                bar = $"\x1b[1m{current.ToString().PadLeft(numdigits)}/{t}\x1b[0m ";
                special_char_len += 8;
                int prog_width = (int)(_width * ((double)current / t));
                if (prog_width > 0)
                {
                    bar += $"\x1b[32m{new string('━', prog_width)}\x1b[0m";
                    special_char_len += 9;
                }
                bar += $"\x1b[37m{new string('━', Math.Max(0, _width - prog_width))}\x1b[0m";
                special_char_len += 9;
            }
            else bar = $"{current,7}/Unknown";
            message.Append(bar);

            string info;
            if (target is { } tt && tt > 0 && !finalize)
                info = $" \x1b[1m{FormatEta(time_per_unit * (tt - current))}\x1b[0m";
            else
                info = $" \x1b[1m{PythonFormat.@fixed(now - _start, 0)}s\x1b[0m";
            special_char_len += 8;
            info += FormatTime(time_per_unit);
            foreach (var k in _values_order)
            {
                double avg = _values[k];
                info += $" - {k}: " + (Math.Abs(avg) > 1e-3 ? PythonFormat.@fixed(avg, 4) : PythonFormat.exponent(avg, 4));
            }
            message.Append(info);

            int total_width = bar.Length + info.Length - special_char_len;
            if (_prev_total_width > total_width) message.Append(' ', _prev_total_width - total_width);
            if (finalize) message.Append('\n');
            _writer.Write(message.ToString());
            _writer.Flush();
            _prev_total_width = total_width;
        }
        else if (_verbose == 2 && finalize && target is { } t && t > 0)
        {
            int numdigits = (int)Math.Log10(t) + 1;
            var info = new StringBuilder($"{current.ToString().PadLeft(numdigits)}/{t} - {PythonFormat.@fixed(now - _start, 0)}s -");
            info.Append(FormatTime(time_per_unit));
            foreach (var k in _values_order)
            {
                double avg = _values[k];
                // Keras tests avg > 1e-3 here, without abs: negative values print in e-notation.
                info.Append($" - {k}: ").Append(avg > 1e-3 ? PythonFormat.@fixed(avg, 4) : PythonFormat.exponent(avg, 4));
            }
            info.Append('\n');
            _writer.Write(info.ToString());
            _writer.Flush();
        }

        _last_update = now;
    }

    private static string FormatEta(double eta)
    {
        // Python's %d truncates the float.
        if (eta > 3600) return $"{(long)(eta / 3600)}:{(long)(eta % 3600 / 60):00}:{(long)(eta % 60):00}";
        if (eta > 60) return $"{(long)(eta / 60)}:{(long)(eta % 60):00}";
        return $"{(long)eta}s";
    }

    private string FormatTime(double time_per_unit)
    {
        if (time_per_unit >= 1 || time_per_unit == 0) return $" {PythonFormat.@fixed(time_per_unit, 0)}s/{_unit_name}";
        if (time_per_unit >= 1e-3) return $" {PythonFormat.@fixed(time_per_unit * 1000.0, 0)}ms/{_unit_name}";
        return $" {PythonFormat.@fixed(time_per_unit * 1000000.0, 0)}us/{_unit_name}";
    }

    /// <summary>Seconds per step, leaving out the first (warm-up) step once there are more.</summary>
    private double EstimateStepDuration(int current, double now)
    {
        if (current == 0) return 0;
        double time_per_unit = _time_after_first_step is { } first && current > 1
            ? (now - first) / (current - 1)
            : (now - _start) / current;
        if (current == 1) _time_after_first_step = now;
        return time_per_unit;
    }
}
