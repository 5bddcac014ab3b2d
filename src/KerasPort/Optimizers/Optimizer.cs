using KerasPort.Backend;
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
/// The learning rate and every slot variable are float32, as in Keras.
/// </summary>
public abstract class Optimizer
{
    private float _learning_rate;
    private readonly Dictionary<Parameter, int> _index = new(ReferenceEqualityComparer.Instance);
    private readonly List<Parameter> _trainable_variables = [];
    private readonly Dictionary<string, List<torch.Tensor>> _slots = [];
    private readonly List<torch.Tensor> _slot_order = [];
    // Each slot name's variables live in one flat float32 buffer (the slots are views of it), so
    // that an optimizer can update every variable at once, as Keras's torch backend does with _foreach ops.
    private readonly Dictionary<string, torch.Tensor> _flat_slots = [];
    private torch.Tensor? _flat_gradient;
    private torch.Tensor? _flat_update;
    private torch.Tensor[] _gradient_views = [];
    private torch.Tensor[] _update_views = [];
    private readonly HashSet<Parameter> _exclude_from_weight_decay = new(ReferenceEqualityComparer.Instance);

    protected Optimizer(double learning_rate, double? weight_decay, double? clipnorm, double? clipvalue,
                        double? global_clipnorm, double? loss_scale_factor, string? name)
    {
        int clip_args = new[] { clipnorm, clipvalue, global_clipnorm }.Count(a => a is not null);
        if (clip_args > 1)
            throw new ArgumentException(
                "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. " +
                $"Received: clipnorm={PythonFormat.str(clipnorm)}, clipvalue={PythonFormat.str(clipvalue)}, global_clipnorm={PythonFormat.str(global_clipnorm)}",
                clipnorm is not null ? nameof(clipvalue) : nameof(global_clipnorm));
        this.name = name ?? GlobalState.auto_name(GetType().Name);
        _learning_rate = (float)learning_rate;
        this.weight_decay = weight_decay;
        this.clipnorm = clipnorm;
        this.clipvalue = clipvalue;
        this.global_clipnorm = global_clipnorm;
        this.loss_scale_factor = loss_scale_factor;
    }

    /// <summary>The optimizer's name (Keras's automatic <c>adam</c>, <c>adam_1</c>, ... unless given).</summary>
    public string name { get; }

    /// <summary>Current learning rate. Keras keeps it as a float32 variable, so it reads back float32-rounded.</summary>
    public virtual double learning_rate
    {
        get => _learning_rate;
        set => _learning_rate = (float)value;
    }

    /// <summary>Number of steps applied so far.</summary>
    public long iterations { get; protected internal set; }

    public double? weight_decay { get; }
    public double? clipnorm { get; }
    public double? clipvalue { get; }
    public double? global_clipnorm { get; }
    public double? loss_scale_factor { get; }

    /// <summary>Whether <see cref="build"/> has created the slot variables.</summary>
    public bool built { get; private set; }

    /// <summary>
    /// Keras's <c>optimizer.variables</c>: the iteration count and the learning rate (as new
    /// scalar tensors) then every slot variable, in Keras's order.
    /// </summary>
    public IReadOnlyList<torch.Tensor> variables =>
        [torch.tensor(iterations), torch.tensor(_learning_rate), .. _slot_order];

    /// <summary>Creates the per-variable state for <paramref name="var_list"/>; done by the first <see cref="apply_gradients"/>.</summary>
    public void build(IReadOnlyList<Parameter> var_list)
    {
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
        }
        built = true;
    }

    /// <summary>A float32 zero buffer holding every variable end to end, and its view shaped as each variable.</summary>
    private static (torch.Tensor flat, torch.Tensor[] views) flat_buffer(IReadOnlyList<Parameter> var_list)
    {
        // Detached: a caller's dispose scope (a training step) must not free the optimizer's state.
        using var scope = torch.NewDisposeScope();
        var flat = torch.zeros(var_list.Sum(v => v.numel()), torch.ScalarType.Float32).DetachFromDisposeScope();
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
            _slots[n] = [];
        }
        for (int i = 0; i < var_list.Count; i++)
            foreach (var n in names)
            {
                _slots[n].Add(views[n][i]);
                _slot_order.Add(views[n][i]);
            }
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
        apply_weight_decay(pairs.Select(p => p.variable));
        if (updates_all_at_once && in_build_order(pairs))
        {
            for (int i = 0; i < grads.Count; i++) _gradient_views[i].copy_(grads[i]);
            update_all(_flat_gradient!, _flat_update!, _learning_rate);
            for (int i = 0; i < pairs.Count; i++) pairs[i].variable.sub_(_update_views[i]);
        }
        else
        {
            for (int i = 0; i < pairs.Count; i++)
                update_step(grads[i], pairs[i].variable, _learning_rate);
        }
        iterations += 1;
    }

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

    private List<torch.Tensor> clip_gradients(List<torch.Tensor> grads)
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

    private void apply_weight_decay(IEnumerable<Parameter> vars)
    {
        if (weight_decay is not double wd) return;
        // The torch backend's form: w *= 1 - wd * lr, in float32.
        float factor = 1f - (float)wd * _learning_rate;
        foreach (var v in vars)
            if (!_exclude_from_weight_decay.Contains(v)) v.mul_(factor);
    }

    /// <summary>Keras's config dictionary, every default resolved.</summary>
    public virtual IDictionary<string, object> get_config() => new Dictionary<string, object>
    {
        ["name"] = name,
        ["learning_rate"] = (double)_learning_rate,
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
}
