namespace KerasPort.Layers;

/// <summary>The argument checks shared by the noise and dropout layers, with Keras's messages.</summary>
internal static class RateCheck
{
    /// <summary>Keras accepts a rate (or stddev) in [0, 1].</summary>
    public static double unit_interval(double value, string argument)
    {
        if (!(value >= 0 && value <= 1))
            throw new ArgumentOutOfRangeException(argument, value, $"Invalid value received for argument `{argument}`. Expected a float value between 0 and 1. Received: {argument}={KerasPort.Utils.PythonFormat.str(value)}");
        return value;
    }

    /// <summary>
    /// A dropout rate in [0, 1). Keras 3 also takes 1 (a layer that zeroes everything, with an
    /// infinite scale); such a layer can only be a mistake, so it is refused at once.
    /// </summary>
    public static double dropout_rate(double value, string argument)
    {
        unit_interval(value, argument);   // Keras's own message outside [0, 1]
        if (value == 1)
            throw new ArgumentOutOfRangeException(argument, value, $"Invalid value received for argument `{argument}`. Expected a float value in [0, 1). Received: {argument}={KerasPort.Utils.PythonFormat.str(value)}");
        return value;
    }

    public static long?[]? noise_shape(long?[]? noise_shape)
    {
        if (noise_shape is null) return null;
        for (int i = 0; i < noise_shape.Length; i++)
        {
            if (noise_shape[i] is <= 0)
                throw new ArgumentException($"Invalid value received for argument `noise_shape`. Expected all dimensions to be positive integers or None. Received negative or zero value at index {i}: {noise_shape[i]}", nameof(noise_shape));
        }
        return (long?[])noise_shape.Clone();
    }

    /// <summary>The noise shape for <paramref name="input_shape"/>: a null entry takes the input's size.</summary>
    public static long[] concrete(long?[]? noise_shape, long[] input_shape)
    {
        if (noise_shape is null) return input_shape;
        if (noise_shape.Length != input_shape.Length)
            throw new ArgumentException($"Invalid value received for argument `noise_shape`. Expected {input_shape.Length} dimensions to match the inputs of shape {ShapeText.format(input_shape)}. Received: noise_shape={ShapeText.format(noise_shape)}", nameof(noise_shape));
        return noise_shape.Select((d, i) => d ?? input_shape[i]).ToArray();
    }
}
