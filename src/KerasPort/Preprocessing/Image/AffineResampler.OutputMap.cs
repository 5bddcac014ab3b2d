using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace KerasPort.Preprocessing.Image;

internal static partial class AffineResampler
{
    /// <summary>
    /// The per-value steps that follow the resample in Keras's augmentation, done by the output pass
    /// on each finished row while it is in the cache: nothing, a multiplication by a float32 factor
    /// (rescale), or the brightness blend then that factor. The blend is PIL's on the uint8
    /// truncation of each value (<see cref="PixelOps.BrightnessTable"/>, computed here lane by lane
    /// rather than looked up); the alpha band of a 4-channel image is only truncated. Keras scales
    /// an image with values outside [0, 255] before the blend, so the blend checks every value.
    /// </summary>
    internal readonly struct OutputMap
    {
        private readonly float _scale;        // 0: none
        private readonly float _brightness;
        private readonly bool _blend;

        /// <summary>Multiplication by <paramref name="scale"/> (0: none).</summary>
        public OutputMap(float scale) => _scale = scale;

        /// <summary>The brightness blend by <paramref name="brightness"/>, then the multiplication by <paramref name="scale"/> (0: none).</summary>
        public OutputMap(float brightness, float scale)
        {
            _brightness = brightness;
            _scale = scale;
            _blend = true;
        }

        public bool active => _blend || _scale != 0;

        /// <summary>Maps interleaved values (whole pixels) in place; false when the blend met a value outside [0, 255] or NaN.</summary>
        public unsafe bool Apply(Span<float> row, int channels)
        {
            if (!_blend)
            {
                PixelOps.Scale(row, _scale);
                return true;
            }
            int length = row.Length;
            fixed (float* values = row)
                return Blend(values, length, channels);
        }

        // Optimized at once: called for every row, it would otherwise run unoptimized for a while.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private unsafe bool Blend(float* values, int length, int channels)
        {
            int i = 0;
            bool inside = true;
            float scale = _scale == 0 ? 1f : _scale;   // x * 1 is x
            if (Avx2.IsSupported)
            {
                // 8 values are 8 channels of 2 (4 channels) or more pixels; a row starts at a pixel.
                var alphaBand = channels == 4 ? Vector256.Create(0, 0, 0, -1, 0, 0, 0, -1).AsSingle() : Vector256<float>.Zero;
                Vector256<float> zero = Vector256<float>.Zero, top = Vector256.Create(255f), outside = zero;
                Vector256<float> brightness = Vector256.Create(_brightness), factor = Vector256.Create(scale);
                Vector256<float> low = Vector256.Create(-1f), high = Vector256.Create(256f);
                Vector256<int> last = Vector256.Create(255);
                for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    var v = Avx.LoadVector256(values + i);
                    outside |= Avx.Compare(v, zero, FloatComparisonMode.OrderedLessThanNonSignaling) |
                        Avx.Compare(v, top, FloatComparisonMode.UnorderedNotLessThanOrEqualNonSignaling);
                    var whole = Avx.RoundToZero(v);
                    // Kept within [-1, 256] so that the int conversion is exact; the clamp to [0, 255] is PIL's.
                    var blended = Avx.Min(Avx.Max(whole * brightness, low), high);
                    var level = Vector256.Min(Vector256.Max(Avx.ConvertToVector256Int32WithTruncation(blended), Vector256<int>.Zero), last);
                    var mapped = Avx.BlendVariable(Avx.ConvertToVector256Single(level), whole, alphaBand);
                    Avx.Store(values + i, mapped * factor);
                }
                inside = Avx.MoveMask(outside) == 0;
            }
            for (; i < length; i++)
            {
                float v = values[i];
                if (!(v >= 0 && v <= 255f))
                {
                    inside = false;
                    continue;
                }
                float whole = MathF.Truncate(v);
                float mapped = channels == 4 && i % 4 == 3 ? whole : Math.Clamp((int)Math.Clamp(whole * _brightness, -1f, 256f), 0, 255);
                values[i] = mapped * scale;
            }
            return inside;
        }
    }
}
