using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace KerasPort;

public static partial class keras
{
    /// <summary>
    /// Keras's <c>keras.activations</c>: element-wise functions with Keras 3's defaults, computed
    /// with the ops Keras's torch backend uses, and <see cref="get"/> to resolve them by name.
    /// </summary>
    public static partial class activations
    {
        private static readonly Dictionary<string, Func<Tensor, Tensor>> all_objects = new()
        {
            ["celu"] = x => celu(x),
            ["elu"] = x => elu(x),
            ["exponential"] = exponential,
            ["gelu"] = x => gelu(x),
            ["glu"] = x => glu(x),
            ["hard_shrink"] = x => hard_shrink(x),
            ["hard_sigmoid"] = hard_sigmoid,
            ["hard_silu"] = hard_silu,
            ["hard_swish"] = hard_silu,
            ["hard_tanh"] = hard_tanh,
            ["leaky_relu"] = x => leaky_relu(x),
            ["linear"] = linear,
            ["log_sigmoid"] = log_sigmoid,
            ["log_softmax"] = x => log_softmax(x),
            ["mish"] = mish,
            ["relu"] = x => relu(x),
            ["relu6"] = relu6,
            ["selu"] = selu,
            ["sigmoid"] = sigmoid,
            ["silu"] = silu,
            ["soft_shrink"] = x => soft_shrink(x),
            ["softmax"] = x => softmax(x),
            ["softplus"] = softplus,
            ["softsign"] = softsign,
            ["sparse_plus"] = sparse_plus,
            ["sparse_sigmoid"] = sparse_sigmoid,
            ["squareplus"] = x => squareplus(x),
            ["swish"] = silu,
            ["tanh"] = tanh,
            ["tanh_shrink"] = tanh_shrink,
        };

        /// <summary>
        /// The activation named <paramref name="identifier"/> (Keras's function names, plus the
        /// aliases <c>swish</c> and <c>hard_swish</c>); null gives <see cref="linear"/>.
        /// </summary>
        /// <param name="identifier">An activation name such as <c>"relu"</c>; null for the identity.</param>
        /// <returns>The function; an unknown name fails with Keras's message listing the known ones.</returns>
        /// <example><code>
        /// var f = keras.activations.get("relu");
        /// // Python: f = keras.activations.get("relu")
        /// </code></example>
        public static Func<Tensor, Tensor> get(string? identifier)
        {
            if (identifier is null) return linear;
            if (all_objects.TryGetValue(identifier, out var fn)) return fn;
            throw new ArgumentException(
                $"Could not interpret activation function identifier: {identifier}. " +
                $"Expected one of: {string.Join(", ", all_objects.Keys)}. Received: identifier={identifier}",
                nameof(identifier));
        }

        /// <summary>
        /// Rectified linear unit: <c>max(x, 0)</c> with defaults; <paramref name="negative_slope"/>
        /// below <paramref name="threshold"/>, saturating at <paramref name="max_value"/>.
        /// </summary>
        /// <param name="x">The input tensor.</param>
        /// <param name="negative_slope">The slope below the threshold; 0 by default.</param>
        /// <param name="max_value">The largest output; null (the default) for no cap.</param>
        /// <param name="threshold">The value below which the output is damped (or 0); 0 by default.</param>
        /// <returns>A new tensor of the input's shape.</returns>
        public static Tensor relu(Tensor x, double negative_slope = 0.0, double? max_value = null, double threshold = 0.0)
        {
            // The plain ReLU (Dense's "relu") is one op: no dispose scope around it.
            if (negative_slope == 0.0 && max_value is null && threshold == 0.0) return F.relu(x);
            using var scope = NewDisposeScope();
            Tensor? negative_part = null;
            if (negative_slope != 0.0)
            {
                if (max_value is null && threshold == 0.0)
                    return F.leaky_relu(x, negative_slope).MoveToOuterDisposeScope();
                negative_part = threshold != 0.0 ? F.relu(threshold - x) : F.relu(-x);
            }
            bool clip_max = max_value is not null;
            Tensor y;
            if (threshold != 0.0)
                y = where(x > threshold, x, zeros_like(x));
            else if (max_value == 6.0)
            {
                y = F.relu6(x);
                clip_max = false;
            }
            else
                y = F.relu(x);
            if (clip_max) y = y.clamp(0.0, max_value!.Value);
            if (negative_part is not null) y = y - negative_slope * negative_part;
            return y.MoveToOuterDisposeScope();
        }

        /// <summary>Leaky ReLU: <c>x</c> for positive x, <c>negative_slope * x</c> otherwise (Keras 3's default slope 0.2).</summary>
        /// <param name="x">The input tensor.</param>
        /// <param name="negative_slope">The slope for negative inputs; 0.2 by default.</param>
        /// <returns>A new tensor of the input's shape.</returns>
        public static Tensor leaky_relu(Tensor x, double negative_slope = 0.2) => F.leaky_relu(x, negative_slope);

        /// <summary>ReLU capped at 6.</summary>
        public static Tensor relu6(Tensor x) => F.relu6(x);

        /// <summary>Softmax along <paramref name="axis"/> (the last by default).</summary>
        /// <param name="x">The input tensor.</param>
        /// <param name="axis">The axis the values are normalized over; -1 (the last) by default.</param>
        /// <returns>Values in (0, 1) that sum to 1 along <paramref name="axis"/>.</returns>
        public static Tensor softmax(Tensor x, long axis = -1) => F.softmax(x, axis);

        /// <summary>Log of the softmax along <paramref name="axis"/>, computed stably.</summary>
        /// <param name="x">The input tensor.</param>
        /// <param name="axis">The axis the softmax is taken over; -1 (the last) by default.</param>
        /// <returns>A new tensor of the input's shape.</returns>
        public static Tensor log_softmax(Tensor x, long axis = -1) => F.log_softmax(x, axis);

        /// <summary>Exponential linear unit: <c>x</c> for x &gt; 0, <c>alpha * (exp(x) - 1)</c> otherwise.</summary>
        /// <param name="x">The input tensor.</param>
        /// <param name="alpha">The scale of the negative part; 1 by default.</param>
        /// <returns>A new tensor of the input's shape.</returns>
        public static Tensor elu(Tensor x, double alpha = 1.0) => F.elu(x, alpha);

        /// <summary>Scaled ELU with Klambauer et al.'s constants (alpha 1.6732632, scale 1.0507010).</summary>
        public static Tensor selu(Tensor x) => F.selu(x);

        /// <summary><c>log(exp(x) + 1)</c>.</summary>
        public static Tensor softplus(Tensor x) => F.softplus(x);

        /// <summary><c>x / (|x| + 1)</c>.</summary>
        public static Tensor softsign(Tensor x) => F.softsign(x);

        /// <summary><c>x * sigmoid(x)</c> (also <see cref="swish"/>).</summary>
        public static Tensor silu(Tensor x) => F.silu(x);

        /// <summary>Alias of <see cref="silu"/>.</summary>
        public static Tensor swish(Tensor x) => F.silu(x);

        /// <summary>
        /// Gaussian error linear unit, <c>0.5 x (1 + erf(x / sqrt 2))</c>; with
        /// <paramref name="approximate"/> the tanh approximation. Keras 3 defaults to the exact form.
        /// </summary>
        /// <param name="x">The input tensor.</param>
        /// <param name="approximate">Whether the tanh approximation is used; false by default.</param>
        /// <returns>A new tensor of the input's shape.</returns>
        public static Tensor gelu(Tensor x, bool approximate = false) =>
            F.gelu(x, approximate ? TorchSharp.Modules.GELU.Approximate.tanh : TorchSharp.Modules.GELU.Approximate.none);

        /// <summary>Hyperbolic tangent.</summary>
        public static Tensor tanh(Tensor x) => x.tanh();

        /// <summary><c>1 / (1 + exp(-x))</c>.</summary>
        public static Tensor sigmoid(Tensor x) => x.sigmoid();

        /// <summary>Keras 3's hard sigmoid: 0 for x &lt;= -3, 1 for x &gt;= 3, <c>x / 6 + 0.5</c> between.</summary>
        public static Tensor hard_sigmoid(Tensor x) => F.hardsigmoid(x);

        /// <summary>Hard SiLU (hard swish): <c>x * relu6(x + 3) / 6</c>.</summary>
        public static Tensor hard_silu(Tensor x) => F.hardswish(x);

        /// <summary>Alias of <see cref="hard_silu"/>.</summary>
        public static Tensor hard_swish(Tensor x) => F.hardswish(x);

        /// <summary><c>exp(x)</c>.</summary>
        public static Tensor exponential(Tensor x) => x.exp();

        /// <summary>The identity: returns <paramref name="x"/> unchanged.</summary>
        public static Tensor linear(Tensor x) => x;

        /// <summary><c>x * tanh(softplus(x))</c>, composed as Keras composes it.</summary>
        public static Tensor mish(Tensor x)
        {
            using var sp = F.softplus(x);
            using var t = sp.tanh();
            return x * t;
        }

        /// <summary>Continuously differentiable ELU: <c>alpha * (exp(x / alpha) - 1)</c> for x &lt; 0.</summary>
        /// <param name="x">The input tensor.</param>
        /// <param name="alpha">The scale of the negative part; 1 by default.</param>
        /// <returns>A new tensor of the input's shape.</returns>
        public static Tensor celu(Tensor x, double alpha = 1.0) => F.celu(x, alpha);

        /// <summary>Gated linear unit: the halves a, b of <paramref name="axis"/> give <c>a * sigmoid(b)</c>.</summary>
        /// <param name="x">The input tensor.</param>
        /// <param name="axis">The axis split into two halves (its size must be even); -1 by default.</param>
        /// <returns>A new tensor, half as long along <paramref name="axis"/>.</returns>
        public static Tensor glu(Tensor x, long axis = -1) => F.glu(x, axis);

        /// <summary>Clips to [-1, 1].</summary>
        public static Tensor hard_tanh(Tensor x) => x.clamp(-1.0, 1.0);

        /// <summary><c>x</c> where <c>|x| &gt; threshold</c>, else 0.</summary>
        /// <param name="x">The input tensor.</param>
        /// <param name="threshold">The half-width of the band set to 0; 0.5 by default.</param>
        /// <returns>A new tensor of the input's shape.</returns>
        public static Tensor hard_shrink(Tensor x, double threshold = 0.5) => F.hardshrink(x, threshold);

        /// <summary>Shrinks toward 0 by <paramref name="threshold"/>, 0 inside it.</summary>
        /// <param name="x">The input tensor.</param>
        /// <param name="threshold">The amount every value moves toward 0; 0.5 by default.</param>
        /// <returns>A new tensor of the input's shape.</returns>
        public static Tensor soft_shrink(Tensor x, double threshold = 0.5) => F.softshrink(x, threshold);

        /// <summary><c>log(sigmoid(x))</c>, computed stably.</summary>
        public static Tensor log_sigmoid(Tensor x) => F.logsigmoid(x);

        /// <summary><c>x - tanh(x)</c>.</summary>
        public static Tensor tanh_shrink(Tensor x) => F.tanhshrink(x);

        /// <summary>0 for x &lt;= -1, <c>(x + 1)^2 / 4</c> for -1 &lt; x &lt; 1, x for x &gt;= 1.</summary>
        public static Tensor sparse_plus(Tensor x)
        {
            using var scope = NewDisposeScope();
            var inner = where(x < 1, 0.25 * (x + 1).square(), x);
            return where(x <= -1, zeros_like(x), inner).MoveToOuterDisposeScope();
        }

        /// <summary>0 for x &lt;= -1, <c>(x + 1) / 2</c> for -1 &lt; x &lt; 1, 1 for x &gt;= 1.</summary>
        public static Tensor sparse_sigmoid(Tensor x)
        {
            using var scope = NewDisposeScope();
            var inner = where(x >= 1, ones_like(x), 0.5 * (x + 1));
            return where(x <= -1, zeros_like(x), inner).MoveToOuterDisposeScope();
        }

        /// <summary><c>(x + sqrt(x^2 + b)) / 2</c>.</summary>
        /// <param name="x">The input tensor.</param>
        /// <param name="b">The smoothness near 0; 4 by default.</param>
        /// <returns>A new tensor of the input's shape.</returns>
        public static Tensor squareplus(Tensor x, double b = 4)
        {
            using var scope = NewDisposeScope();
            return ((x + (x.square() + b).sqrt()) / 2).MoveToOuterDisposeScope();
        }
    }
}
