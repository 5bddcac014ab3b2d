using System.Text;
using KerasPort.Utils;

namespace KerasPort.Callbacks;

/// <summary>
/// Streams the epoch logs to a CSV file (Keras 3's <c>keras.callbacks.CSVLogger</c>): a header
/// <c>epoch,key1,key2,...</c> (keys sorted; when no <c>val_</c> key exists, <c>val_</c> columns are
/// added as Keras does), then one row per epoch, values as Python writes floats
/// (<c>0.6931471805599453</c>), <c>NA</c> for a missing key, Python's csv dialect (<c>\r\n</c>,
/// quotes only where needed). With <c>append: true</c> it continues an existing file and writes
/// the header only if the file is empty.
/// </summary>
/// <example>
/// Python <c>csv_logger = CSVLogger("training.log")</c> ports as:
/// <code>
/// var csv_logger = new CSVLogger("training.log");
/// model.fit(x, y, callbacks: [csv_logger]);
/// </code>
/// </example>
public sealed class CSVLogger : Callback
{
    private StreamWriter? _csv_file;
    private List<string>? _keys;
    private bool _append_header = true;
    private bool _header_done;

    /// <summary>Creates a logger that writes one CSV row per epoch to <paramref name="filename"/>.</summary>
    /// <param name="filename">The CSV file to write; created (or truncated) when training begins.</param>
    /// <param name="separator">The one-character field separator. Default <c>","</c>.</param>
    /// <param name="append">True continues an existing file (the header is written only if the file is empty); false (default) overwrites it.</param>
    /// <exception cref="ArgumentException"><paramref name="separator"/> is not exactly one character.</exception>
    public CSVLogger(string filename, string separator = ",", bool append = false)
    {
        ArgumentNullException.ThrowIfNull(filename);
        if (string.IsNullOrEmpty(separator) || separator.Length != 1)
            throw new ArgumentException($"Invalid value received for argument separator. Expected a 1-character string. Received: separator={separator}", nameof(separator));
        this.filename = filename;
        sep = separator;
        this.append = append;
    }

    /// <summary>The CSV file written.</summary>
    public string filename { get; }
    /// <summary>The field separator (Keras's attribute name for the <c>separator</c> argument).</summary>
    public string sep { get; }
    /// <summary>Whether an existing file is continued rather than overwritten.</summary>
    public bool append { get; }

    /// <inheritdoc/>
    public override void on_train_begin(IDictionary<string, double>? logs = null)
    {
        if (append && File.Exists(filename))
        {
            using var reader = new StreamReader(filename);
            _append_header = reader.Peek() < 0;
        }
        _csv_file?.Dispose();
        _csv_file = new StreamWriter(filename, append, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\r\n" };
        _keys = null;
        _header_done = false;
    }

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null)
    {
        var file = _csv_file ?? throw new InvalidOperationException("CSVLogger: on_train_begin was not called (fit calls it).");
        logs ??= new Dictionary<string, double>();
        if (_keys is null)
        {
            _keys = logs.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
            if (_keys.Count > 0 && !_keys.Any(k => k.StartsWith("val_", StringComparison.Ordinal)))
                _keys.AddRange(_keys.Select(k => "val_" + k).ToList());
        }
        if (!_header_done)
        {
            if (_append_header) file.WriteLine(Row(_keys.Prepend("epoch")));
            _header_done = true;
        }
        var row = _keys.Select(k => logs.TryGetValue(k, out double v) ? PythonFormat.repr(v) : "NA");
        file.WriteLine(Row(row.Prepend(epoch.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        file.Flush();
    }

    /// <inheritdoc/>
    public override void on_train_end(IDictionary<string, double>? logs = null)
    {
        _csv_file?.Dispose();
        _csv_file = null;
    }

    /// <summary>Python's csv.excel dialect with this separator: quote a field only if it needs it.</summary>
    private string Row(IEnumerable<string> fields) => string.Join(sep, fields.Select(f =>
        f.Contains(sep, StringComparison.Ordinal) || f.Contains('"') || f.Contains('\r') || f.Contains('\n')
            ? "\"" + f.Replace("\"", "\"\"") + "\""
            : f));
}
