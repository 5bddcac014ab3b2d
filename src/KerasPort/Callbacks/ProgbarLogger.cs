using System.Globalization;

namespace KerasPort.Callbacks;

/// <summary>
/// Prints the progress of training (Keras 3's <c>keras.callbacks.ProgbarLogger</c>, which
/// <c>fit</c> adds when <c>verbose</c> is not 0). Verbose 1 (and "auto"): an
/// <c>Epoch i/N</c> header, then a bar redrawn after each step with the ETA, the time per step
/// and the logs (<c>loss: 0.6931</c>), ending in one final line per epoch. Verbose 2: one line
/// per epoch. Verbose 0: nothing.
/// </summary>
/// <remarks>
/// It writes to <see cref="Callback.stdout"/> (Console.Out by default). As Keras on Linux and
/// macOS, it redraws in place (<c>\b</c>s and <c>\r</c>) and uses ANSI escapes; on Windows it
/// redraws in place only when the console output is not redirected, and otherwise starts each
/// update on a new line. <see cref="dynamic_display"/> overrides that choice.
/// </remarks>
public sealed class ProgbarLogger : Callback
{
    private Progbar? _progbar;
    private int _seen;
    private int? _target;
    private bool _called_in_fit;

    /// <summary>The progress mode read from <c>fit</c>'s parameters: 1 a redrawn bar, 2 one line per epoch, 0 nothing.</summary>
    public int verbose { get; private set; } = 1;
    /// <summary>The number of epochs of the current <c>fit</c>, for the <c>Epoch i/N</c> header.</summary>
    public int epochs { get; private set; } = 1;

    /// <summary>Redraw in place (true) or write each update on a new line (false); null follows Keras's rule.</summary>
    public bool? dynamic_display { get; set; }

    /// <summary>The clock of the bar's timings (seconds); replaced by tests.</summary>
    internal Func<double> clock { get; set; } = Progbar.system_clock();

    /// <summary>Reads <c>verbose</c> (0, 1, 2 or "auto"), <c>epochs</c> and <c>steps</c> (null if unknown).</summary>
    public override void set_params(IDictionary<string, object?> @params)
    {
        base.set_params(@params);
        object? v = @params.TryGetValue("verbose", out var given) ? given : 1;
        verbose = v switch
        {
            "auto" => 1,
            int or long => Convert.ToInt32(v, CultureInfo.InvariantCulture),
            _ => throw new ArgumentException($"Invalid value received for argument verbose. Expected 0, 1, 2 or \"auto\". Received: verbose={v}", nameof(@params)),
        };
        epochs = @params.TryGetValue("epochs", out var e) && e is not null ? Convert.ToInt32(e, CultureInfo.InvariantCulture) : 1;
        _target = @params.TryGetValue("steps", out var s) && s is not null ? Convert.ToInt32(s, CultureInfo.InvariantCulture) : null;
    }

    /// <inheritdoc/>
    public override void on_train_begin(IDictionary<string, double>? logs = null) => _called_in_fit = true; // validation stays silent

    /// <inheritdoc/>
    public override void on_test_begin(IDictionary<string, double>? logs = null)
    {
        if (_called_in_fit) return;
        Reset();
        MaybeInit();
    }

    /// <inheritdoc/>
    public override void on_predict_begin(IDictionary<string, double>? logs = null)
    {
        Reset();
        MaybeInit();
    }

    /// <inheritdoc/>
    public override void on_epoch_begin(int epoch, IDictionary<string, double>? logs = null)
    {
        Reset();
        MaybeInit();
        if (verbose != 0 && epochs > 1) print_msg($"Epoch {epoch + 1}/{epochs}");
    }

    /// <inheritdoc/>
    public override void on_train_batch_end(int batch, IDictionary<string, double>? logs = null) => Update(batch, logs);

    /// <inheritdoc/>
    public override void on_test_batch_end(int batch, IDictionary<string, double>? logs = null)
    {
        if (!_called_in_fit) Update(batch, logs);
    }

    // Predictions are not shown, only the progress.
    /// <inheritdoc/>
    public override void on_predict_batch_end(int batch, IDictionary<string, double>? logs = null) => Update(batch, null);

    /// <inheritdoc/>
    public override void on_epoch_end(int epoch, IDictionary<string, double>? logs = null) => Finalize(logs);

    /// <inheritdoc/>
    public override void on_test_end(IDictionary<string, double>? logs = null)
    {
        if (!_called_in_fit) Finalize(logs);
    }

    /// <inheritdoc/>
    public override void on_predict_end(IDictionary<string, double>? logs = null) => Finalize(logs);

    private void Reset()
    {
        _seen = 0;
        _progbar = null;
    }

    private Progbar MaybeInit()
    {
        bool dynamic = dynamic_display ?? (!OperatingSystem.IsWindows() || (stdout is null && !Console.IsOutputRedirected));
        return _progbar ??= new Progbar(_target, stdout ?? Console.Out, dynamic, clock, verbose: verbose, unit_name: "step");
    }

    private void Update(int batch, IDictionary<string, double>? logs)
    {
        var progbar = MaybeInit();
        _seen = batch + 1;
        if (verbose == 1) progbar.update(_seen, logs, finalize: false);
    }

    private void Finalize(IDictionary<string, double>? logs)
    {
        var progbar = MaybeInit();
        if (_target is null)
        {
            // An iterator of unknown length: its first pass tells the number of steps.
            _target = _seen;
            progbar.target = _target;
        }
        progbar.update(_target.Value, logs, finalize: true);
    }
}
