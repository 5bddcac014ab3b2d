namespace KerasPort.Layers;

public abstract partial class Layer
{
    /// <summary>The axis of the channels in this layer's input: the last, or 1 for a convolution with <c>channels_first</c>.</summary>
    private protected virtual int channel_axis => -1;

    /// <summary>
    /// A rough count of the multiply-adds of this layer's own computation on one sample (its
    /// sublayers not included), 0 before the build: every element of its own weights meets every
    /// position of its input (the axes between the batch and the channels), as a dense or
    /// convolution kernel does. The training loops choose libtorch's intra-op threads by it
    /// (<see cref="Backend.IntraOpThreads"/>); nothing numeric depends on it.
    /// </summary>
    internal virtual double own_multiply_adds_per_sample()
    {
        if (!built || build_input_shape is not { Length: > 1 } shape || _weights.Count == 0) return 0;
        int channels = channel_axis < 0 ? shape.Length + channel_axis : channel_axis;
        double positions = 1;
        for (int axis = 1; axis < shape.Length; axis++)
            if (axis != channels) positions *= shape[axis] ?? 1;
        return positions * _weights.Sum(w => (double)w.variable.numel());
    }
}
