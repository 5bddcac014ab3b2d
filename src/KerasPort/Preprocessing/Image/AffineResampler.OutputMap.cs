using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace KerasPort.Preprocessing.Image;

internal static partial class AffineResampler
{
    /// <summary>
    /// The per-value steps that follow the resample in Keras's augmentation, done by the output pass
    /// on each finished row while it is in the cache: nothing, a multiplication by a float32 factor
    /// (rescale), or a lookup of the value's uint8 truncation in a 512-entry table (the brightness
    /// blend, the rescale already applied to its entries; the second half serves the alpha band of
    /// 4-channel images). Keras scales an image with values outside [0, 255] before the brightness
    /// blend; the lookup holds only for images inside, so it checks every value it maps.
    /// </summary>
    internal readonly unsafe struct OutputMap
    {
        private readonly float* _table;
        private readonly float _scale;

        /// <summary>Multiplication by <paramref name="scale"/>.</summary>
        public OutputMap(float scale) => _scale = scale;

        /// <summary>Lookup in <paramref name="table"/> (512 entries, kept alive by the caller).</summary>
        public OutputMap(float* table) => _table = table;

        public bool active => _table != null || _scale != 0;

        /// <summary>Maps <paramref name="length"/> interleaved values in place; false when a lookup met a value outside [0, 255] or NaN.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Apply(float* values, int length, int channels)
        {
            if (_table == null)
            {
                PixelOps.Scale(new Span<float>(values, length), _scale);
                return true;
            }
            int i = 0;
            bool inside = true;
            if (Avx2.IsSupported)
            {
                // 8 values are 8 channels of 2 (4 channels) or more pixels; a row starts at a pixel.
                var band = channels == 4 ? Vector256.Create(0, 0, 0, 256, 0, 0, 0, 256) : Vector256<int>.Zero;
                Vector256<float> zero = Vector256<float>.Zero, top = Vector256.Create(255f), outside = zero;
                Vector256<int> last = Vector256.Create(255);
                for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    var v = Avx.LoadVector256(values + i);
                    outside |= Avx.Compare(v, zero, FloatComparisonMode.OrderedLessThanNonSignaling) |
                        Avx.Compare(v, top, FloatComparisonMode.UnorderedNotLessThanOrEqualNonSignaling);
                    // Clamped so that the gather stays inside the table whatever the value.
                    var index = Vector256.Min(Vector256.Max(Avx.ConvertToVector256Int32WithTruncation(v), Vector256<int>.Zero), last);
                    Avx.Store(values + i, Avx2.GatherVector256(_table, index + band, sizeof(float)));
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
                values[i] = _table[(int)v + (channels == 4 && i % 4 == 3 ? 256 : 0)];
            }
            return inside;
        }
    }
}
