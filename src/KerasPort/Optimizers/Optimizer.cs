using KerasPort.Backend;
using KerasPort.Optimizers.Schedules;
using KerasPort.Utils;
using TorchSharp;
using TorchSharp.Modules;

namespace KerasPort.Optimizers;

/// <summary>
/// Base of Keras's optimizers, with Keras's update formulas (not torch.optim's).
/// <see cref="apply_gradients"/> applies one step to each variable from its gradient and
/// increments <see cref="iterations"/>: gradients are scaled (<c>loss_scale_factor</c>) and
/// clipped (<c>clipnorm</c>, <c>global_clipnorm</c> or <c>clipvalue</c>), weight decay shrinks
/// the variables (<c>w -= w * weight_decay * lr</c>), then the subclass's update step runs.
/// The learning rate (a number, or a <see cref="LearningRateSchedule"/> evaluated at
/// <see cref="iterations"/> before each step) and every slot variable are float32, as in Keras.
/// </summary>
/// <remarks>
/// Arguments are checked at construction. KerasPort is stricter than Keras, which accepts these
/// silently and then trains to NaN weights or ignores them: a NaN, infinite or negative
/// <c>learning_rate</c>, <c>weight_decay</c>, <c>clipnorm</c>, <c>clipvalue</c> or
/// <c>global_clipnorm</c>, and a NaN, infinite or non-positive <c>loss_scale_factor</c>, raise an
/// <see cref="ArgumentException"/> naming the argument. An optimizer owns native tensors (its
/// slots): <see cref="Dispose()"/> releases them.
/// </remarks>
public abstract class Optimizer : IDisposable
{
    private float _learning_rate;
    private readonly LearningRateSchedule? _schedule;
    private readonly Dictionary<Parameter, int> _index = new(ReferenceEqualityComparer.Instance);
    private readonly List<Parameter> _trainable_variables = [];
    private readonly Dictionary<string, List<torch.Tensor>> _slots = [];
    private readonly List<torch.Tensor> _slot_order = [];
    // What Keras names each slot after: the variable it shadows (null for a scalar such as u_product) and the slot's name.
    private readonly List<(Parameter? reference, string name)> _slot_names = [];
    // Each slot name's variables live in one flat float32 buffer (the slots are views of it), so
    // that an optimizer can update every variable at once, as Keras's torch backend does with _foreach ops.
    private readonly Dictionary<string, torch.Tensor> _flat_slots = [];
    private readonly List<torch.Tensor> _owned = [];
    private torch.Tensor? _flat_gradient;
    private torch.Tensor? _flat_update;
    private torch.Tensor[] _gradient_views = [];
    private torch.Tensor[] _update_views = [];
    private readonly HashSet<Parameter> _exclude_from_weight_decay = new(ReferenceEqualityComparer.Instance);
    // Keras's `iteration` and `learning_rate` variables, kept as tensors so that `variables` hands out the same ones each read.
    private readonly torch.Tensor _iteration_variable;
    private readonly torch.Tensor? _learning_rate_variable;
    private IReadOnlyList<torch.Tensor>? _variables;
    private bool _disposed;

    /// <summary>Checks and stores the arguments every Keras optimizer shares; a subclass passes its own default rate.</summary>
    /// <param name="learning_rate">A number or a <see cref="LearningRateSchedule"/>; finite and &gt;= 0.</param>
    /// <param name="weight_decay">Decoupled weight decay, finite and &gt;= 0; null for none.</param>
    /// <param name="clipnorm">Clip each gradient to this norm; null for none.</param>
    /// <param name="clipvalue">Clip each gradient element to [-clipvalue, clipvalue]; null for none.</param>
    /// <param name="global_clipnorm">Clip all gradients together to this global norm; null for none.</param>
    /// <param name="loss_scale_factor">Gradients are divided by it; finite and &gt; 0, or null for none.</param>
    /// <param name="name">The optimizer's name; null for Keras's automatic one.</param>
    /// <exception cref="ArgumentException">More than one clipping argument is set, or a value is out of range.</exception>
    protected Optimizer(LearningRate learning_rate, double? weight_decay, double? clipnorm, double? clipvalue,
                        double? global_clipnorm, double? loss_scale_factor, string? name)
    {
        ArgumentNullException.ThrowIfNull(learning_rate);
        int clip_args = new[] { clipnorm, clipvalue, global_clipnorm }.Count(a => a is not null);
        if (clip_args > 1)
            throw new ArgumentException(
                "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. " +
                $"Received: clipnorm={PythonFormat.str(clipnorm)}, clipvalue={PythonFormat.str(clipvalue)}, global_clipnorm={PythonFormat.str(global_clipnorm)}",
                clipnorm is not null ? nameof(clipvalue) : nameof(global_clipnorm));
        if (learning_rate.value is double lr) check_non_negative(lr, nameof(learning_rate));
        if (weight_decay is double wd) check_non_negative(wd, nameof(weight_decay));
        if (clipnorm is double cn) check_non_negative(cn, nameof(clipnorm));
        if (clipvalue is double cv) check_non_negative(cv, nameof(clipvalue));
        if (global_clipnorm is double gc) check_non_negative(gc, nameof(global_clipnorm));
        if (loss_scale_factor is double ls && !(double.IsFinite(ls) && ls > 0))
            throw new ArgumentException($"Argument `loss_scale_factor` must be a finite number > 0. Received: loss_scale_factor={PythonFormat.repr(ls)}", nameof(loss_scale_factor));
        this.name = name ?? GlobalState.auto_name(GetType().Name);
        _schedule = learning_rate.schedule;
        _learning_rate = (float)(learning_rate.value ?? 0);
        this.weight_decay = weight_decay;
        this.clipnorm = clipnorm;
        this.clipvalue = clipvalue;
        this.global_clipnorm = global_clipnorm;
        this.loss_scale_factor = loss_scale_factor;
        _iteration_variable = owned(torch.zeros([], torch.ScalarType.Int64));
        if (_schedule is null) _learning_rate_variable = owned(torch.tensor(_learning_rate, torch.ScalarType.Float32));
    }

    /// <summary>Raises Keras-style when <paramref name="value"/> is NaN, infinite or negative.</summary>
    private protected static double check_non_negative(double value, string argument) =>
        double.IsFinite(value) && value >= 0 ? value
            : throw new ArgumentException($"Argument `{argument}` must be a finite number >= 0. Received: {argument}={PythonFormat.repr(value)}", argument);

    /// <summary>Raises when <paramref name="value"/> is outside [0, 1) (NaN and infinities included).</summary>
    private protected static double check_unit_interval(double value, string argument) =>
        value >= 0 && value < 1 ? value
            : throw new ArgumentException($"Argument `{argument}` must be a float in the range [0, 1). Received: {argument}={PythonFormat.repr(value)}", argument);

    /// <summary>A native tensor the optimizer owns and releases in <see cref="Dispose()"/>, kept out of any caller's dispose scope.</summary>
    private torch.Tensor owned(torch.Tensor tensor)
    {
        tensor.DetachFromDisposeScope();
        _owned.Add(tensor);
        return tensor;
    }

    /// <summary>The optimizer's name (Keras's automatic <c>adam</c>, <c>adam_1</c>, ... unless given).</summary>
    public string name { get; }

    /// <summary>
    /// Current learning rate: the float32 rate (Keras keeps it as a float32 variable, so it reads
    /// back float32-rounded), or the schedule's value at <see cref="iterations"/>. A rate given as a
    /// schedule cannot be set, as in Keras.
    /// </summary>
    public virtual double learning_rate
    {
        get => current_learning_rate();
        set
        {
            if (_schedule is not null)
                throw new InvalidOperationException(
                    "This optimizer was created with a `LearningRateSchedule` object as its `learning_rate` constructor argument, " +
                    "hence its learning rate is not settable. If you need the learning rate to be settable, you should instantiate the optimizer with a float `learning_rate` argument.");
            _learning_rate = (float)check_non_negative(value, nameof(learning_rate));
        }
    }

    /// <summary>The schedule given as <c>learning_rate</c>; null for a constant rate.</summary>
    public LearningRateSchedule? learning_rate_schedule => _schedule;

    /// <summary>The float32 rate for the step about to be applied.</summary>
    private float current_learning_rate()
    {
        if (_schedule is null) return _learning_rate;
        using var scope = torch.NewDisposeScope();
        using var step = torch.tensor(iterations, torch.ScalarType.Int64);
        return _schedule.__call__(step).to_type(torch.ScalarType.Float32).item<float>();
    }

    /// <summary>Number of steps applied so far.</summary>
    public long iterations { get; protected internal set; }

    /// <summary>Decoupled weight decay applied before each step (<c>w -= w * weight_decay * lr</c>); null for none.</summary>
    public double? weight_decay { get; }
    /// <summary>Each gradient is clipped to this L2 norm; null for none.</summary>
    public double? clipnorm { get; }
    /// <summary>Each gradient element is clipped to [-clipvalue, clipvalue]; null for none.</summary>
    public double? clipvalue { get; }
    /// <summary>All gradients together are clipped to this global norm; null for none.</summary>
    public double? global_clipnorm { get; }
    /// <summary>The factor gradients are divided by before the step; null for none.</summary>
    public double? loss_scale_factor { get; }

    /// <summary>Whether <see cref="build"/> has created the slot variables.</summary>
    public bool built { get; private set; }

    /// <summary>
    /// Keras's <c>optimizer.variables</c>: the iteration count, the learning rate (absent when it is
    /// a schedule, as in Keras) then every slot variable, in Keras's order. The same tensors come
    /// back on every read; the first two are refreshed from <see cref="iterations"/> and
    /// <see cref="learning_rate"/>.
    /// </summary>
    public IReadOnlyList<torch.Tensor> variables
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _iteration_variable.fill_(iterations);
            _learning_rate_variable?.fill_(_learning_rate);
            return _variables ??= _learning_rate_variable is null
                ? [_iteration_variable, .. _slot_order]
                : [_iteration_variable, _learning_rate_variable, .. _slot_order];
        }
    }

    /// <summary>
    /// Keras's <c>set_weights</c>: assigns <paramref name="weights"/> to <see cref="variables"/> in
    /// order (the iteration count and the learning rate included). The optimizer must be built.
    /// </summary>
    public void set_weights(IReadOnlyList<torch.Tensor> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (!built)
            throw new InvalidOperationException(
                "You are calling `set_weights()` on an optimizer that has not yet been built. Please call `optimizer.build(trainable_variables)` to create the optimizer weights before calling `set_weights()`.");
        var current = variables;
        int count = Math.Min(current.Count, weights.Count);
        for (int i = 0; i < count; i++)
            if (!current[i].shape.SequenceEqual(weights[i].shape))
                throw new ArgumentException(
                    $"Optimizer variable {i} has shape {PythonFormat.tuple(current[i].shape)} not compatible with provided weight shape {PythonFormat.tuple(weights[i].shape)}.", nameof(weights));
        using var no_grad = torch.no_grad();
        for (int i = 0; i < count; i++)
        {
            if (ReferenceEquals(current[i], _iteration_variable))
                iterations = weights[i].to_type(torch.ScalarType.Int64).item<long>();
            else if (ReferenceEquals(current[i], _learning_rate_variable))
                _learning_rate = weights[i].to_type(torch.ScalarType.Float32).item<float>();
            else
                current[i].copy_(weights[i]);
        }
    }

    /// <summary>Creates the per-variable state for <paramref name="var_list"/>; done by the first <see cref="apply_gradients"/>.</summary>
    public void build(IReadOnlyList<Parameter> var_list)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (built) return;
        foreach (var v in var_list)
        {
            _index[v] = _trainable_variables.Count;
            _trainable_variables.Add(v);
        }
        build_slots(var_list);
        if (updates_all_at_once)
        {
            (_flat_gradient, _gradient_views) = flat_buffer(var_list);
            (_flat_update, _update_views) = flat_buffer(var_list);
            _owned.AddRange([_flat_gradient, _flat_update, .. _gradient_views, .. _update_views]);
        }
        built = true;
        _variables = null;
    }

    /// <summary>A float32 zero buffer holding every variable end to end, and its view shaped as each variable.</summary>
    private static (torch.Tensor flat, torch.Tensor[] views) flat_buffer(IReadOnlyList<Parameter> var_list)
    {
        // Detached: a caller's dispose scope (a training step) must not free the optimizer's state.
        using var scope = torch.NewDisposeScope();
        var device = var_list.Count > 0 ? var_list[0].device : null;
        var flat = torch.zeros(var_list.Sum(v => v.numel()), torch.ScalarType.Float32, device).DetachFromDisposeScope();
        var views = new torch.Tensor[var_list.Count];
        long offset = 0;
        for (int i = 0; i < var_list.Count; i++)
        {
            long size = var_list[i].numel();
            views[i] = flat.narrow(0, offset, size).view(var_list[i].shape).DetachFromDisposeScope();
            offset += size;
        }
        return (flat, views);
    }

    /// <summary>The subclass creates its slots here, with <see cref="add_optimizer_variables"/>.</summary>
    protected abstract void build_slots(IReadOnlyList<Parameter> var_list);

    /// <summary>
    /// Float32 zeros shaped like each variable for each slot name, interleaved per variable as
    /// Keras adds them (m0, v0, m1, v1, ...).
    /// </summary>
    protected void add_optimizer_variables(IReadOnlyList<Parameter> var_list, params string[] names)
    {
        var views = new Dictionary<string, torch.Tensor[]>();
        foreach (var n in names)
        {
            (_flat_slots[n], views[n]) = flat_buffer(var_list);
            _owned.Add(_flat_slots[n]);
            _owned.AddRange(views[n]);
            _slots[n] = [];
        }
        for (int i = 0; i < var_list.Count; i++)
            foreach (var n in names)
            {
                _slots[n].Add(views[n][i]);
                _slot_order.Add(views[n][i]);
                _slot_names.Add((var_list[i], n));
            }
    }

    /// <summary>
    /// A float32 scalar optimizer variable called <paramref name="name"/> (such as Nadam's
    /// <c>u_product</c>) starting at <paramref name="initial_value"/>, placed after the slots added
    /// so far, as Keras tracks it.
    /// </summary>
    protected torch.Tensor add_variable(double initial_value, string name)
    {
        var variable = owned(torch.tensor((float)initial_value, torch.ScalarType.Float32));
        _slot_order.Add(variable);
        _slot_names.Add((null, name));
        return variable;
    }

    /// <summary>
    /// Keras's names of <see cref="variables"/>, in order: <c>iteration</c>, <c>learning_rate</c>, then
    /// each slot as <c>{variable path, slashes as underscores}_{slot}</c> (<c>dense_kernel_momentum</c>);
    /// <paramref name="paths"/> gives the path of each trained variable.
    /// </summary>
    internal IReadOnlyList<string> variable_names(IReadOnlyDictionary<Parameter, string> paths)
    {
        var names = new List<string> { "iteration" };
        if (_learning_rate_variable is not null) names.Add("learning_rate");
        foreach (var (reference, name) in _slot_names)
            names.Add(reference is null ? name : $"{(paths.GetValueOrDefault(reference) ?? $"variable_{_index[reference]}").Replace('/', '_')}_{name}");
        return names;
    }

    /// <summary>The slot <paramref name="slot_name"/> of every variable, end to end in build order.</summary>
    protected torch.Tensor flat_slot(string slot_name) => _flat_slots[slot_name];

    /// <summary>True when the subclass implements <see cref="update_all"/>.</summary>
    protected virtual bool updates_all_at_once => false;

    /// <summary>
    /// Keras's update for every variable at once, on the flat gradient (every variable's gradient
    /// end to end, in build order): writes into <paramref name="update"/> what to subtract from the
    /// variables, elementwise the same arithmetic as <see cref="update_step"/>.
    /// </summary>
    protected virtual void update_all(torch.Tensor gradient, torch.Tensor update, float learning_rate) =>
        throw new NotSupportedException($"{GetType().Name} updates its variables one by one.");

    /// <summary>The slot <paramref name="slot_name"/> of <paramref name="variable"/>.</summary>
    protected torch.Tensor slot(string slot_name, Parameter variable) => _slots[slot_name][_index[variable]];

    /// <summary>Leaves these variables out of weight decay (Keras's <c>exclude_from_weight_decay(var_list)</c>); call before the first step.</summary>
    public void exclude_from_weight_decay(IEnumerable<Parameter> var_list)
    {
        if (built)
            throw new InvalidOperationException("`exclude_from_weight_decay()` can only be configured before the optimizer is built.");
        foreach (var v in var_list) _exclude_from_weight_decay.Add(v);
    }

    /// <summary>One optimizer step over (gradient, variable) pairs; updates the variables in place.</summary>
    public void apply_gradients(IReadOnlyList<(torch.Tensor gradient, Parameter variable)> grads_and_vars)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (grads_and_vars.Count == 0) return;
        if (!built) build(grads_and_vars.Select(p => p.variable).ToList());
        using var scope = torch.NewDisposeScope();
        using var no_grad = torch.no_grad();
        foreach (var (_, v) in grads_and_vars)
            if (!_index.ContainsKey(v))
                throw new ArgumentException(
                    $"Unknown variable of shape {PythonFormat.tuple(v.shape)}. This optimizer can only be called for the variables it was originally built with. " +
                    "When working with a new set of variables, you should recreate a new optimizer instance.", nameof(grads_and_vars));
        var pairs = grads_and_vars.Where(p => p.gradient is not null).ToList();
        if (pairs.Count == 0)
            throw new ArgumentException("No gradients provided for any variable.", nameof(grads_and_vars));

        var grads = pairs.Select(p => p.gradient.dtype == torch.ScalarType.Float32 ? p.gradient : p.gradient.to_type(torch.ScalarType.Float32)).ToList();
        if (loss_scale_factor is double scale) grads = grads.Select(g => g / scale).ToList();
        grads = clip_gradients(grads);
        float learning_rate = current_learning_rate();
        apply_weight_decay(pairs.Select(p => p.variable), learning_rate);
        before_update_steps();
        if (updates_all_at_once && in_build_order(pairs))
        {
            for (int i = 0; i < grads.Count; i++) _gradient_views[i].copy_(grads[i]);
            update_all(_flat_gradient!, _flat_update!, learning_rate);
            for (int i = 0; i < pairs.Count; i++) pairs[i].variable.sub_(_update_views[i]);
        }
        else
        {
            for (int i = 0; i < pairs.Count; i++)
                update_step(grads[i], pairs[i].variable, learning_rate);
        }
        iterations += 1;
    }

    /// <summary>Runs once per step before the variables' updates (Nadam advances its momentum-schedule product here).</summary>
    protected virtual void before_update_steps() { }

    /// <summary>Whether the pairs are exactly the variables the optimizer was built with, in order.</summary>
    private bool in_build_order(List<(torch.Tensor gradient, Parameter variable)> pairs)
    {
        if (pairs.Count != _trainable_variables.Count) return false;
        for (int i = 0; i < pairs.Count; i++)
            if (!ReferenceEquals(pairs[i].variable, _trainable_variables[i])) return false;
        return true;
    }

    /// <summary>Keras's update for one variable, in place; <paramref name="learning_rate"/> is the float32 rate.</summary>
    protected abstract void update_step(torch.Tensor gradient, Parameter variable, float learning_rate);

    /// <summary>Keras's <c>_clip_gradients</c>: clipnorm, global_clipnorm or clipvalue, whichever is set.</summary>
    internal List<torch.Tensor> clip_gradients(List<torch.Tensor> grads)
    {
        if (clipnorm is double c && c > 0)
            return grads.Select(g =>
            {
                // Keras's _clip_by_norm: g * c / max(||g||, c), with ||g|| = 0 kept finite.
                var l2sum = g.square().sum();
                var l2norm = torch.where(l2sum > 0, l2sum.sqrt(), l2sum);
                return g * c / l2norm.clamp_min(c);
            }).ToList();
        if (global_clipnorm is double gc && gc > 0)
        {
            var use_norm = grads.Select(g => g.square().sum()).Aggregate((a, b) => a + b).sqrt();
            // Keras: scale = c * min(1 / norm, 1 / c), made NaN when the norm is not finite.
            var scale = torch.minimum(1.0 / use_norm, torch.tensor(1.0 / gc, torch.ScalarType.Float32)) * gc + (use_norm - use_norm);
            return grads.Select(g => g * scale).ToList();
        }
        if (clipvalue is double v && v > 0)
            return grads.Select(g => g.clamp(-v, v)).ToList();
        return grads;
    }

    private void apply_weight_decay(IEnumerable<Parameter> vars, float learning_rate)
    {
        if (weight_decay is not double wd) return;
        // The torch backend's form: w *= 1 - wd * lr, in float32.
        float factor = 1f - (float)wd * learning_rate;
        foreach (var v in vars)
            if (!_exclude_from_weight_decay.Contains(v)) v.mul_(factor);
    }

    /// <summary>Keras's config dictionary, every default resolved.</summary>
    public virtual IDictionary<string, object> get_config() => new Dictionary<string, object>
    {
        ["name"] = name,
        ["learning_rate"] = _schedule is null ? (double)_learning_rate : keras.optimizers.schedules.serialize(_schedule),
        ["weight_decay"] = weight_decay!,
        ["clipnorm"] = clipnorm!,
        ["global_clipnorm"] = global_clipnorm!,
        ["clipvalue"] = clipvalue!,
        ["use_ema"] = false,
        ["ema_momentum"] = 0.99,
        ["ema_overwrite_frequency"] = null!,
        ["loss_scale_factor"] = loss_scale_factor!,
        ["gradient_accumulation_steps"] = null!,
    };

    /// <summary>Releases the optimizer's native tensors (slots, buffers, its iteration and learning-rate variables).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the native tensors; a subclass releases its own and calls the base.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed) return;
        _disposed = true;
        if (!disposing) return;
        // Views first, then the buffers they view.
        for (int i = _owned.Count - 1; i >= 0; i--) _owned[i].Dispose();
        _owned.Clear();
        _slots.Clear();
        _slot_order.Clear();
        _slot_names.Clear();
        _flat_slots.Clear();
        _variables = null;
    }
}
