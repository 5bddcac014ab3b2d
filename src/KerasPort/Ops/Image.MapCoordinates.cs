using KerasPort.Layers;
using KerasPort.Ops;
using KerasPort.Preprocessing.Image;
using static TorchSharp.torch;

namespace KerasPort;

public static partial class keras
{
    public static partial class ops
    {
        public static partial class image
        {
            /// <summary>
            /// Keras's <c>map_coordinates</c> on its torch backend (jax.scipy's semantics): samples
            /// <paramref name="inputs"/> at <paramref name="coordinates"/> (one coordinate array per input axis, stacked
            /// on the first axis) with nearest (order 0, round half to even) or linear (order 1) interpolation.
            /// Each tap outside the input is mapped back by <paramref name="fill_mode"/>; in constant mode it reads
            /// <paramref name="fill_value"/>.
            /// </summary>
            /// <param name="inputs">The array to sample.</param>
            /// <param name="coordinates">Shape <c>[rank of inputs, ...]</c>: the sample points.</param>
            /// <param name="order">0 (nearest) or 1 (linear).</param>
            /// <param name="fill_mode"><c>"constant"</c> (default), <c>"nearest"</c>, <c>"wrap"</c>, <c>"mirror"</c> or <c>"reflect"</c>.</param>
            /// <param name="fill_value">The value read outside the input in constant mode; 0 by default.</param>
            public static Tensor map_coordinates(Tensor inputs, Tensor coordinates, int order, string fill_mode = "constant", double fill_value = 0.0)
            {
                int rank = (int)inputs.dim();
                if (coordinates.dim() < 2)
                    throw new ArgumentException($"Invalid coordinates rank: expected at least rank 2. Received input with shape: {ShapeText.format(coordinates.shape)}", nameof(coordinates));
                if (coordinates.shape[0] != rank)
                    throw new ArgumentException($"First dim of `coordinates` must be the same as the rank of `inputs`. Received inputs with shape: {ShapeText.format(inputs.shape)} and coordinate leading dim of {coordinates.shape[0]}", nameof(coordinates));
                var mode = MapFillModes.parse(fill_mode)
                    ?? throw new ArgumentException($"Invalid value for argument `fill_mode`. Expected one of {{'constant', 'nearest', 'wrap', 'mirror', 'reflect'}}. Received: fill_mode={fill_mode}", nameof(fill_mode));
                if (order is not (0 or 1))
                    throw new NotSupportedException("map_coordinates currently requires order<=1");
                using var scope = NewDisposeScope();
                float[] points = coordinates.to_type(ScalarType.Float32).cpu().contiguous().data<float>().ToArray();
                long[] out_shape = coordinates.shape[1..];
                var result = ImageFormat.on_float32(inputs, x => sample(x, points, out_shape, order, mode, (float)fill_value));
                return result.MoveToOuterDisposeScope();
            }

            private static Tensor sample(Tensor x, float[] points, long[] out_shape, int order, MapFillMode mode, float fill)
            {
                int rank = (int)x.dim();
                long[] sizes = x.shape;
                long[] strides = new long[rank];
                for (int d = rank - 1, s = 1; d >= 0; s *= (int)sizes[d], d--) strides[d] = s;
                var output = zeros(out_shape, ScalarType.Float32);
                ReadOnlySpan<float> src = PixelBuffer.Span<float>(x);
                Span<float> dst = PixelBuffer.Span<float>(output);
                int count = dst.Length, taps = order + 1;
                var offset = new long[rank * 2];
                var weight = new float[rank * 2];
                var valid = new bool[rank * 2];
                for (int p = 0; p < count; p++)
                {
                    for (int d = 0; d < rank; d++)
                    {
                        float c = points[d * count + p];
                        int size = (int)sizes[d];
                        int lower = order == 0 ? (int)MathF.Round(c) : (int)MathF.Floor(c);
                        float upper_weight = c - MathF.Floor(c);
                        for (int k = 0; k < taps; k++)
                        {
                            int index = lower + k;
                            offset[d * 2 + k] = MapFillModes.fix(index, size, mode) * strides[d];
                            valid[d * 2 + k] = mode != MapFillMode.Constant || (index >= 0 && index < size);
                            weight[d * 2 + k] = order == 0 ? 1f : k == 0 ? 1f - upper_weight : upper_weight;
                        }
                    }
                    // The taps in itertools.product order (last axis fastest); weights multiplied left to right.
                    float total = 0f;
                    int combinations = 1 << (rank * order);
                    for (int t = 0; t < combinations; t++)
                    {
                        long at = 0;
                        bool all_valid = true;
                        float w = 1f;
                        for (int d = 0; d < rank; d++)
                        {
                            int k = order == 0 ? 0 : (t >> (rank - 1 - d)) & 1;
                            at += offset[d * 2 + k];
                            all_valid &= valid[d * 2 + k];
                            w = d == 0 ? weight[k] : w * weight[d * 2 + k];
                        }
                        float contribution = w * (all_valid ? src[(int)at] : fill);
                        total = t == 0 ? contribution : total + contribution;
                    }
                    dst[p] = total;
                }
                return output;
            }
        }
    }
}
