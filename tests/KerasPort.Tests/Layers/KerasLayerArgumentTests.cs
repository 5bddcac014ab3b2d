using KerasPort.Layers;

namespace KerasPort.Tests.Layers;

/// <summary>
/// The assertions of Keras's layer tests that are not a layer's output (those are replayed by
/// <see cref="KerasLayerUnitTests"/>): constructor errors, errors at build or call, symbolic shapes
/// with unknown axes, configs, weight counts, ported by hand. Each test names the Keras test it
/// ports. Python arguments with no C# spelling (a string where an int is expected, a float for
/// <c>n</c>) are compile errors here and are left out.
/// </summary>
public sealed class KerasLayerArgumentTests
{
    private static void Raises(TestDelegate action, string pattern) =>
        Assert.That(Assert.Catch<ArgumentException>(action)!.Message, Does.Match(pattern));

    // conv_test.py: ConvBasicTest.test_bad_init_args
    [Test]
    public void Conv_bad_init_args()
    {
        Raises(() => new Conv1D(filters: 0, kernel_size: 1), "Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.");
        Raises(() => new Conv2D(filters: 2, kernel_size: (1, 0)), @"The `kernel_size` argument must be a tuple of \d+ integers. Received kernel_size=\(1, 0\), including values \{0\} that do not satisfy `value > 0`");
        Raises(() => new Conv2D(filters: 2, kernel_size: (2, 2), strides: (1, 0)), @"The `strides` argument must be a tuple of \d+ integers. Received strides=\(1, 0\), including values \{0\} that do not satisfy `value > 0`");
        Raises(() => new Conv2D(filters: 2, kernel_size: (2, 2), strides: 2, dilation_rate: (2, 1)), @"`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=\(2, 2\) and dilation_rate=\(2, 1\)");
        Raises(() => new Conv2D(filters: 5, kernel_size: (2, 2), groups: 0), "The number of groups must be a positive integer. Received: groups=0.");
        Raises(() => new Conv2D(filters: 5, kernel_size: (2, 2), groups: 2), "The number of filters must be evenly divisible by the number of groups. Received: groups=2, filters=5.");
    }

    // conv_test.py: ConvBasicTest.test_conv_symbolic_invalid_configuration (a dilated kernel larger than the input)
    [TestCase(1)]
    [TestCase(2)]
    public void Conv_invalid_configuration_raises_at_build(int rank)
    {
        Layer layer = rank == 1 ? new Conv1D(filters: 1, kernel_size: 2, dilation_rate: 10) : new Conv2D(filters: 1, kernel_size: (2, 2), dilation_rate: (10, 10));
        long?[] shape = rank == 1 ? [null, 10, 3] : [null, 10, 10, 3];
        Raises(() => layer.build(shape), "Computed output size would be zero or negative.");
        Assert.That(layer.built, Is.False);
    }

    // conv_test.py: ConvBasicTest.test_conv_raises_exception_on_zero_dims
    [Test]
    public void Conv_raises_on_zero_dims()
    {
        var layer = new Conv2D(6, (5, 5), 1, "valid");
        Assert.Catch<Exception>(() => layer.__call__(torch.rand(3, 4, 4, 4)));
    }

    // depthwise_conv_test.py: DepthwiseConvBasicTest.test_bad_init_args, test_invalid_output_shape_raises
    [Test]
    public void Depthwise_bad_init_args_and_invalid_output_shape()
    {
        Raises(() => new DepthwiseConv2D(depth_multiplier: 0, kernel_size: 1), "Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=0.");
        Raises(() => new DepthwiseConv2D(depth_multiplier: 2, kernel_size: (1, 0)), @"The `kernel_size` argument must be a tuple of 2 integers. Received kernel_size=\(1, 0\), including values \{0\} that do not satisfy `value > 0`");
        Raises(() => new DepthwiseConv2D(depth_multiplier: 2, kernel_size: (2, 2), strides: (1, 0)), @"The `strides` argument must be a tuple of \d+ integers. Received strides=\(1, 0\), including values \{0\} that do not satisfy `value > 0`");
        var layer = new DepthwiseConv2D(5, strides: 2, padding: "valid", data_format: "channels_last");
        Raises(() => layer.__call__(torch.rand(2, 4, 4, 3)), "Computed output size would be zero or negative.");
    }

    // separable_conv_test.py: SeparableConvBasicTest.test_bad_init_args, test_invalid_output_shape_raises
    [Test]
    public void Separable_bad_init_args_and_invalid_output_shape()
    {
        Raises(() => new SeparableConv2D(filters: 2, kernel_size: 1, depth_multiplier: 0), "Invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=0.");
        Raises(() => new SeparableConv2D(filters: 0, kernel_size: 1, depth_multiplier: 1), "Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.");
        Raises(() => new SeparableConv2D(filters: 2, kernel_size: (1, 0), depth_multiplier: 1), @"The `kernel_size` argument must be a tuple of \d+ integers. Received kernel_size=\(1, 0\), including values");
        Raises(() => new SeparableConv2D(filters: 2, kernel_size: (2, 2), strides: (1, 0), depth_multiplier: 1), @"The `strides` argument must be a tuple of \d+ integers. Received strides=\(1, 0\), including values \{0\}");
        var layer = new SeparableConv2D(2, 5, strides: 2, padding: "valid", data_format: "channels_last");
        Raises(() => layer.__call__(torch.rand(2, 4, 4, 3)), "Computed output size would be zero or negative.");
    }

    // conv_transpose_test.py: ConvTransposeBasicTest.test_bad_init_args
    [Test]
    public void Conv_transpose_bad_init_args()
    {
        Raises(() => new Conv2DTranspose(filters: 0, kernel_size: 1), "Invalid value for argument `filters`. Expected a strictly positive value. Received filters=0.");
        Raises(() => new Conv2DTranspose(filters: 2, kernel_size: (1, 0)), @"The `kernel_size` argument must be a tuple of \d+ integers. Received kernel_size=\(1, 0\), including values");
        Raises(() => new Conv2DTranspose(filters: 2, kernel_size: (2, 2), strides: (1, 0)), @"The `strides` argument must be a tuple of \d+ integers. Received strides=\(1, 0\), including values \{0\}");
        Raises(() => new Conv2DTranspose(filters: 2, kernel_size: 3, strides: 2, output_padding: 3), "`output_padding` must be strictly less than `strides`");
        Raises(() => new Conv2DTranspose(filters: 2, kernel_size: 3, strides: (2, 3), output_padding: (1, 3)), "`output_padding` must be strictly less than `strides`");
        Raises(() => new Conv2DTranspose(filters: 2, kernel_size: (2, 2), strides: 2, dilation_rate: (2, 1)), @"`strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=\(2, 2\) and dilation_rate=\(2, 1\)");
        Raises(() => new Conv2DTranspose(filters: 16, kernel_size: 3, strides: new[] { 1, 1 }, output_padding: 1), "`output_padding` must be strictly less than `strides`");
    }

    // zero_padding2d_test.py: test_zero_padding_2d_with_dynamic_spatial_dim, test_zero_padding_2d_errors_if_padding_argument_invalid, test_zero_padding_2d_get_config
    [Test]
    public void Zero_padding_dynamic_shape_errors_and_config()
    {
        Assert.That(new ZeroPadding2D(((1, 2), (3, 4))).compute_output_shape([1, 2, null, 4]), Is.EqualTo(new long?[] { 1, 5, null, 4 }));
        Assert.That(new ZeroPadding2D(((1, 2), (3, 4)), data_format: "channels_first").compute_output_shape([1, 4, 2, null]), Is.EqualTo(new long?[] { 1, 4, 5, null }));
        Assert.Catch<ArgumentException>(() => new ZeroPadding2D(new[] { 1 }));
        Assert.Catch<ArgumentException>(() => new ZeroPadding2D(new[] { 1, 2, 3 }));
        Assert.Catch<ArgumentException>(() => new ZeroPadding2D(((1, 2), (3, -4))));
        foreach (var format in new[] { "channels_first", "channels_last" })
        {
            var layer = new ZeroPadding2D(padding: (1, 2), data_format: format);
            var config = layer.get_config();
            Assert.That(config.Keys, Is.EquivalentTo(new[] { "data_format", "dtype", "name", "padding", "trainable" }));
            Assert.That(config["padding"], Is.EqualTo(new[] { new long[] { 1, 1 }, new long[] { 2, 2 } }));
            Assert.That(config["data_format"], Is.EqualTo(format));
        }
    }

    // Python's axis=[1, 2] as a collection expression, wherever an axis list is taken.
    [Test]
    public void Axis_lists_are_collection_expressions()
    {
        Assert.That(new LayerNormalization(axis: [1, 2]).axis.values, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(new Softmax(axis: [1, 2]).axis.values, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(new Normalization(axis: [1, 2]).axis, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(keras.constraints.max_norm(axis: [0, 1]).axis.values, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(new LayerNormalization(axis: [1, 2]).axis.is_scalar, Is.False, "a list stays a list in the config");
    }

    // zero_padding1d_test.py: test_zero_padding_1d (both formats), test_zero_padding_1d_with_same_padding,
    // test_zero_padding_1d_with_dynamic_spatial_dim, test_zero_padding_1d_errors_if_padding_argument_invalid, test_zero_padding_1d_get_config
    [Test]
    public void Zero_padding_1d()
    {
        var inputs = torch.rand(1, 2, 3);
        var last = new ZeroPadding1D(padding: (1, 2), data_format: "channels_last").__call__(inputs);
        foreach (int index in new[] { 0, -1, -2 }) Assert.That(last[.., index, ..].abs().max().item<float>(), Is.EqualTo(0f));
        Assert.That(last[.., 1..^2, ..].allclose(inputs, 0, 0), Is.True);
        var first = new ZeroPadding1D(padding: (1, 2), data_format: "channels_first").__call__(inputs);
        foreach (int index in new[] { 0, -1, -2 }) Assert.That(first[.., .., index].abs().max().item<float>(), Is.EqualTo(0f));
        Assert.That(first[.., .., 1..^2].allclose(inputs, 0, 0), Is.True);
        foreach (IntTuple padding in new IntTuple[] { (2, 2), 2 })
        {
            var same = new ZeroPadding1D(padding: padding, data_format: "channels_last").__call__(inputs);
            foreach (int index in new[] { 0, 1, -1, -2 }) Assert.That(same[.., index, ..].abs().max().item<float>(), Is.EqualTo(0f));
            Assert.That(same[.., 2..^2, ..].allclose(inputs, 0, 0), Is.True);
        }
        Assert.That(new ZeroPadding1D((1, 2), data_format: "channels_last").compute_output_shape([1, null, 3]), Is.EqualTo(new long?[] { 1, null, 3 }));
        Assert.That(new ZeroPadding1D((1, 2), data_format: "channels_last").compute_output_shape([1, 2, 3]), Is.EqualTo(new long?[] { 1, 5, 3 }));
        Assert.Catch<ArgumentException>(() => new ZeroPadding1D(new[] { 1 }));
        Assert.Catch<ArgumentException>(() => new ZeroPadding1D(new[] { 1, 2, 3 }));
        foreach (var format in new[] { "channels_first", "channels_last" })
        {
            var config = new ZeroPadding1D(padding: (1, 2), data_format: format).get_config();
            Assert.That(config.Keys, Is.EquivalentTo(new[] { "data_format", "dtype", "name", "padding", "trainable" }));
            Assert.That((config["padding"], config["data_format"]), Is.EqualTo((new long[] { 1, 2 }, format)));
        }
    }

    // cropping1d_test.py: test_cropping_1d, test_cropping_1d_with_dynamic_spatial_dim, test_cropping_1d_errors_if_cropping_argument_invalid,
    // test_cropping_1d_errors_if_cropping_more_than_available, test_cropping_1d_error_on_excessive_cropping
    [Test]
    public void Cropping_1d()
    {
        var inputs = torch.rand(3, 5, 7);
        foreach (var (cropping, expected) in new (IntTuple, Tensor)[]
                 { ((1, 2), inputs[.., 1..3, ..]), ((1, 1), inputs[.., 1..4, ..]), (1, inputs[.., 1..4, ..]), ((0, 1), inputs[.., 0..4, ..]), ((1, 0), inputs[.., 1..5, ..]) })
            Assert.That(new Cropping1D(cropping).__call__(inputs).allclose(expected, 0, 0), Is.True, cropping.ToString());
        Assert.That(new Cropping1D((1, 2)).compute_output_shape([1, null, 7]), Is.EqualTo(new long?[] { 1, null, 7 }));
        Assert.Catch<ArgumentException>(() => new Cropping1D(new[] { 1 }));
        Assert.Catch<ArgumentException>(() => new Cropping1D(new[] { 1, 2, 3 }));
        Raises(() => new Cropping1D((2, 3)).compute_output_shape([3, 5, 7]), "`cropping` parameter of `Cropping1D` layer must be smaller than");
        Raises(() => new Cropping1D((3, 3)).__call__(inputs), "`cropping` parameter of `Cropping1D` layer must be smaller than");
    }

    // up_sampling1d_test.py: test_upsampling_1d (output shape), test_upsampling_1d_correctness, test_upsampling_1d_correctness_with_ones,
    // test_upsampling_1d_with_dynamic_batch_size, test_upsampling_1d_with_dynamic_shape, test_upsampling_1d_with_invalid_size
    // (a float, a string or a bool for size are compile errors here)
    [Test]
    public void Up_sampling_1d()
    {
        Assert.That(new UpSampling1D(size: 2).__call__(torch.rand(3, 5, 4)).shape, Is.EqualTo(new long[] { 3, 10, 4 }));
        var repeated = new UpSampling1D(size: 2).__call__(torch.arange(12, dtype: ScalarType.Float32).reshape(2, 2, 3));
        Assert.That(repeated.data<float>().ToArray(), Is.EqualTo(new float[] { 0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5, 6, 7, 8, 6, 7, 8, 9, 10, 11, 9, 10, 11 }));
        Assert.That(new UpSampling1D(size: 3).__call__(torch.ones(2, 1, 5)).allclose(torch.ones(2, 3, 5), 0, 0), Is.True);
        Assert.That(new UpSampling1D(size: 2).compute_output_shape([null, 2, 3]), Is.EqualTo(new long?[] { null, 4, 3 }));
        Assert.That(new UpSampling1D(size: 4).compute_output_shape([null, 2, 3]), Is.EqualTo(new long?[] { null, 8, 3 }));
        Assert.That(new UpSampling1D(size: 2).compute_output_shape([2, null, 3]), Is.EqualTo(new long?[] { 2, null, 3 }));
        Assert.That(new UpSampling1D(size: 2).compute_output_shape([2, 3, null]), Is.EqualTo(new long?[] { 2, 6, null }));
        Assert.That(new UpSampling1D(size: 4).compute_output_shape([2, 3, null]), Is.EqualTo(new long?[] { 2, 12, null }));
        foreach (int size in new[] { 0, -2 }) Raises(() => new UpSampling1D(size: size), "should be a positive integer");
    }

    // cropping2d_test.py: dynamic spatial dim, cropping more than available, invalid arguments, excessive cropping
    [Test]
    public void Cropping_dynamic_shape_and_errors()
    {
        Assert.That(new Cropping2D(((1, 2), (3, 4))).compute_output_shape([1, 7, null, 5]), Is.EqualTo(new long?[] { 1, 4, null, 5 }));
        Assert.That(new Cropping2D(((1, 2), (3, 4)), data_format: "channels_first").compute_output_shape([1, 5, 7, null]), Is.EqualTo(new long?[] { 1, 5, 4, null }));
        foreach (var cropping in new[] { ((3, 6), (0, 0)), ((0, 0), (5, 4)) })
            foreach (var format in new[] { "channels_first", "channels_last" })
                Assert.Catch<ArgumentException>(() => new Cropping2D(cropping, data_format: format).compute_output_shape([3, 7, 9, 5]));
        Assert.Catch<ArgumentException>(() => new Cropping2D(new[] { 1 }));
        Assert.Catch<ArgumentException>(() => new Cropping2D(new[] { 1, 2, 3 }));
        Assert.Catch<ArgumentException>(() => new Cropping2D(((1, 2), (3, -4))));
        foreach (var cropping in new[] { ((4, 5), (0, 0)), ((0, 0), (5, 5)), ((6, 3), (0, 0)), ((0, 0), (7, 3)) })
            foreach (var format in new[] { "channels_first", "channels_last" })
                Raises(() => new Cropping2D(cropping, data_format: format).__call__(torch.rand(3, 8, 9, 5)),
                    "Values in `cropping` argument should be smaller than the corresponding spatial dimension of the input.");
    }

    // up_sampling2d_test.py: the output sizes of test_upsampling_2d and test_upsampling_2d_various_interpolation_methods
    [TestCase("channels_last", 2, 3)]
    [TestCase("channels_first", 3, 2)]
    public void Up_sampling_output_sizes(string format, int length_row, int length_col)
    {
        var x = format == "channels_first" ? torch.rand(2, 2, 4, 5) : torch.rand(2, 4, 5, 2);
        foreach (var interpolation in new[] { "nearest", "bilinear" })
        {
            var y = new UpSampling2D(size: (length_row, length_col), data_format: format, interpolation: interpolation).__call__(x);
            int first = format == "channels_first" ? 2 : 1;
            Assert.That(y.shape[first], Is.EqualTo(length_row * 4));
            Assert.That(y.shape[first + 1], Is.EqualTo(length_col * 5));
        }
    }

    // permute_test.py: test_permute_with_dynamic_batch_size, test_permute_errors_on_invalid_*
    [Test]
    public void Permute_dynamic_shape_and_errors()
    {
        Assert.That(new Permute([2, 1]).compute_output_shape([null, 3, 5]), Is.EqualTo(new long?[] { null, 5, 3 }));
        Raises(() => new Permute([0, 1, 2]), "Invalid permutation .*dims.*");
        Raises(() => new Permute([1, 4, 2]), "Invalid permutation .*dims.*");
    }

    // repeat_vector_test.py: test_repeat_vector_with_dynamic_batch_size / _dimension, test_repeat_vector_with_invalid_n
    [Test]
    public void Repeat_vector_dynamic_shapes_and_invalid_n()
    {
        Assert.That(new RepeatVector(n: 3).compute_output_shape([null, 5]), Is.EqualTo(new long?[] { null, 3, 5 }));
        Assert.That(new RepeatVector(n: 3).compute_output_shape([2, null]), Is.EqualTo(new long?[] { 2, 3, null }));
        foreach (var n in new[] { 0, -1 }) Raises(() => new RepeatVector(n: n), "should be a positive integer");
    }

    // relu_test.py: test_invalid_usage, test_get_config*, test_compute_output_shape; leaky_relu_test.py: test_invalid_usage
    [Test]
    public void Relu_invalid_usage_config_and_shapes()
    {
        Raises(() => new ReLU(max_value: -10, negative_slope: 1, threshold: 0.5), "max_value of a ReLU layer cannot be a negative value");
        Raises(() => new ReLU(max_value: 10, negative_slope: -10, threshold: 0.5), "negative_slope of a ReLU layer cannot be None or a negative value");
        Raises(() => new ReLU(max_value: 10, negative_slope: 1, threshold: -10), "threshold of a ReLU layer cannot be None or a negative value");
        Raises(() => new LeakyReLU(negative_slope: -1), "The negative_slope value of a Leaky ReLU layer cannot be None");
        var config = new ReLU(max_value: 5.0, negative_slope: 0.2, threshold: 1.0).get_config();
        Assert.That(config["max_value"], Is.EqualTo(5.0));
        Assert.That(config["negative_slope"], Is.EqualTo(0.2));
        Assert.That(config["threshold"], Is.EqualTo(1.0));
        var defaults = new ReLU().get_config();
        Assert.That(defaults["max_value"], Is.Null);
        Assert.That(defaults["negative_slope"], Is.EqualTo(0.0));
        Assert.That(defaults["threshold"], Is.EqualTo(0.0));
        var relu = new ReLU();
        Assert.That(relu.compute_output_shape([2, 3]), Is.EqualTo(new long?[] { 2, 3 }));
        Assert.That(relu.compute_output_shape([4, 5, 6]), Is.EqualTo(new long?[] { 4, 5, 6 }));
        Assert.That(relu.compute_output_shape([1]), Is.EqualTo(new long?[] { 1 }));
    }
}
