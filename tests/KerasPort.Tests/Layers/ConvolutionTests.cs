using KerasPort.Layers;

namespace KerasPort.Tests.Layers;

/// <summary>Conv2D and MaxPooling2D against a direct loop over Keras's channels_last layout (TensorFlow's "same" padding).</summary>
public sealed class ConvolutionTests
{
    /// <summary>The textbook convolution with TF "same"/"valid" padding, in float64.</summary>
    private static double[,,,] Reference(float[,,,] x, float[,,,] k, float[] b, int stride, bool same, bool max_pool = false, int pool = 0)
    {
        int n = x.GetLength(0), h = x.GetLength(1), w = x.GetLength(2), c = x.GetLength(3);
        int kh = max_pool ? pool : k.GetLength(0), kw = max_pool ? pool : k.GetLength(1), f = max_pool ? c : k.GetLength(3);
        int oh = same ? (h + stride - 1) / stride : (h - kh) / stride + 1;
        int ow = same ? (w + stride - 1) / stride : (w - kw) / stride + 1;
        int pt = same ? Math.Max((oh - 1) * stride + kh - h, 0) / 2 : 0;
        int pl = same ? Math.Max((ow - 1) * stride + kw - w, 0) / 2 : 0;
        var y = new double[n, oh, ow, f];
        for (int i = 0; i < n; i++)
        for (int r = 0; r < oh; r++)
        for (int s = 0; s < ow; s++)
        for (int o = 0; o < f; o++)
        {
            double acc = max_pool ? double.NegativeInfinity : b[o];
            for (int u = 0; u < kh; u++)
            for (int v = 0; v < kw; v++)
            {
                int rr = r * stride + u - pt, ss = s * stride + v - pl;
                if (rr < 0 || rr >= h || ss < 0 || ss >= w) continue;
                if (max_pool) acc = Math.Max(acc, x[i, rr, ss, o]);
                else for (int ci = 0; ci < c; ci++) acc += (double)x[i, rr, ss, ci] * k[u, v, ci, o];
            }
            y[i, r, s, o] = acc;
        }
        return y;
    }

    private static float[,,,] ToArray4(Tensor t)
    {
        var s = t.shape;
        var data = t.contiguous().data<float>().ToArray();
        var a = new float[s[0], s[1], s[2], s[3]];
        Buffer.BlockCopy(data, 0, a, 0, data.Length * 4);
        return a;
    }

    private static void AssertClose(Tensor actual, double[,,,] expected)
    {
        Assert.That(actual.shape, Is.EqualTo(new long[] { expected.GetLength(0), expected.GetLength(1), expected.GetLength(2), expected.GetLength(3) }));
        var a = ToArray4(actual);
        for (int i = 0; i < expected.GetLength(0); i++)
        for (int r = 0; r < expected.GetLength(1); r++)
        for (int s = 0; s < expected.GetLength(2); s++)
        for (int o = 0; o < expected.GetLength(3); o++)
            Assert.That(a[i, r, s, o], Is.EqualTo(expected[i, r, s, o]).Within(1e-4), $"at [{i},{r},{s},{o}]");
    }

    [TestCase("valid", 1)]
    [TestCase("same", 1)]
    [TestCase("valid", 2)]
    [TestCase("same", 2)]
    public void Conv2D_matches_the_direct_loop(string padding, int stride)
    {
        var g = new torch.Generator(11);
        var x = torch.randn([2, 7, 6, 3], generator: g);
        var layer = new Conv2D(4, 3, strides: stride, padding: padding);
        layer.build([null, 7, 6, 3]);
        var kernel = torch.randn([3, 3, 3, 4], generator: g);
        var bias = torch.randn([4], generator: g);
        layer.set_weights([kernel, bias]);
        var y = layer.__call__(x);
        AssertClose(y, Reference(ToArray4(x), ToArray4(kernel), bias.data<float>().ToArray(), stride, padding == "same"));
        Assert.That(layer.compute_output_shape([null, 7, 6, 3]), Is.EqualTo(new long?[] { null, y.shape[1], y.shape[2], 4 }));
    }

    [TestCase("valid", 2, 2)]
    [TestCase("same", 2, 2)]
    [TestCase("same", 3, 2)]
    public void MaxPooling2D_matches_the_direct_loop(string padding, int pool, int stride)
    {
        var x = torch.randn([2, 7, 5, 3], generator: new torch.Generator(12));
        var layer = new MaxPooling2D(pool, strides: stride, padding: padding);
        var y = layer.__call__(x);
        AssertClose(y, Reference(ToArray4(x), new float[1, 1, 1, 1], [], stride, padding == "same", max_pool: true, pool: pool));
        Assert.That(layer.compute_output_shape([null, 7, 5, 3]), Is.EqualTo(new long?[] { null, y.shape[1], y.shape[2], 3 }));
    }

    [Test]
    public void Conv2D_kernel_has_Keras_layout_and_count()
    {
        var layer = new Conv2D(8, 3, activation: "relu");
        layer.build([null, 8, 8, 1]);
        Assert.That(layer.kernel!.shape, Is.EqualTo(new long[] { 3, 3, 1, 8 }));
        Assert.That(layer.bias!.shape, Is.EqualTo(new long[] { 8 }));
        Assert.That(layer.count_params(), Is.EqualTo(80));
        Assert.That(layer.__call__(torch.randn(2, 8, 8, 1)).min().item<float>(), Is.GreaterThanOrEqualTo(0));
    }

    [Test]
    public void Conv2D_refuses_bad_arguments()
    {
        Assert.Throws<ArgumentException>(() => new Conv2D(0, 3));
        Assert.Throws<ArgumentException>(() => new Conv2D(4, 0));
        Assert.Throws<ArgumentException>(() => new Conv2D(4, new[] { 3, 3, 3 }));
        Assert.Throws<ArgumentException>(() => new Conv2D(4, 3, padding: "full"));
        Assert.Throws<ArgumentException>(() => new MaxPooling2D(2, padding: "causal"));
        var layer = new Conv2D(4, 3);
        layer.build([null, 8, 8, 1]);
        Assert.Throws<ArgumentException>(() => layer.__call__(torch.randn(1, 8, 8, 2)));
    }

    [Test]
    public void Size_arguments_take_an_int_an_array_a_pair_or_a_collection_expression()
    {
        Assert.That(new Conv2D(4, kernel_size: 3).kernel_size, Is.EqualTo(new long[] { 3, 3 }));
        Assert.That(new Conv2D(4, kernel_size: [3, 2]).kernel_size, Is.EqualTo(new long[] { 3, 2 }));
        var conv = new Conv2D(4, kernel_size: new[] { 1, 2 }, strides: [2, 1]);
        Assert.That(conv.kernel_size, Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(conv.strides, Is.EqualTo(new long[] { 2, 1 }));
        // Keras refuses strides above 1 with a dilation above 1, so the dilation goes on its own layer.
        Assert.That(new Conv2D(4, 2, dilation_rate: (1, 2)).dilation_rate, Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(new MaxPooling2D(pool_size: [3, 3]).strides, Is.EqualTo(new long[] { 3, 3 }));
        Assert.That(new MaxPooling2D(pool_size: 2, strides: new long[] { 1, 1 }).strides, Is.EqualTo(new long[] { 1, 1 }));
        Assert.That(new MaxPooling2D(strides: null).pool_size, Is.EqualTo(new long[] { 2, 2 }));
    }

    [Test]
    public void Size_arguments_of_the_wrong_length_or_sign_name_the_argument()
    {
        var e = Assert.Throws<ArgumentException>(() => new Conv2D(4, kernel_size: [3, 3, 3]));
        Assert.That(e!.Message, Is.EqualTo("The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=(3, 3, 3) (Parameter 'kernel_size')"));
        e = Assert.Throws<ArgumentException>(() => new MaxPooling2D(pool_size: [2, 0]));
        Assert.That(e!.ParamName, Is.EqualTo("pool_size"));
        e = Assert.Throws<ArgumentException>(() => new Conv2D(4, 3, strides: -1));
        Assert.That(e!.ParamName, Is.EqualTo("strides"));
        e = Assert.Throws<ArgumentException>(() => new Conv2D(4, kernel_size: default));
        Assert.That(e!.Message, Does.StartWith("The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=null"));
    }
}
