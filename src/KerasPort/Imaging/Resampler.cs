namespace KerasPort.Imaging;

/// <summary>
/// Pillow 9.4's resampling (libImaging/Resample.c and the nearest-neighbour scale of Geometry.c),
/// reimplemented: separable convolution, horizontal pass first into an 8-bit intermediate, filter
/// support widened by the downscale factor, coefficients in 22-bit fixed point, rounding and clipping
/// as Pillow does, so results are Pillow's to the grey level.
/// </summary>
internal static class Resampler
{
    private const int PrecisionBits = 32 - 8 - 2;

    public static double Support(int filter) => filter switch
    {
        Image.BOX => 0.5,
        Image.BILINEAR or Image.HAMMING => 1.0,
        Image.BICUBIC => 2.0,
        _ => 3.0,  // LANCZOS
    };

    private static double Weight(int filter, double x)
    {
        switch (filter)
        {
            case Image.BOX:
                return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
            case Image.BILINEAR:
                x = Math.Abs(x);
                return x < 1.0 ? 1.0 - x : 0.0;
            case Image.HAMMING:
                x = Math.Abs(x);
                if (x == 0.0) return 1.0;
                if (x >= 1.0) return 0.0;
                x *= Math.PI;
                return Math.Sin(x) / x * (0.54 + 0.46 * Math.Cos(x));
            case Image.BICUBIC:
                const double a = -0.5;  // Pillow's cubic parameter
                x = Math.Abs(x);
                if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
                if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
                return 0.0;
            default:
                return x >= -3.0 && x < 3.0 ? Sinc(x) * Sinc(x / 3.0) : 0.0;
        }
    }

    private static double Sinc(double x)
    {
        if (x == 0.0) return 1.0;
        x *= Math.PI;
        return Math.Sin(x) / x;
    }

    /// <summary>Pillow's <c>precompute_coeffs</c>: per output index, the first input index, the tap count,
    /// and ksize normalised double taps.</summary>
    private static (int[] bounds, double[] kernel, int ksize) Weights(int inSize, float in0, float in1, int outSize, int filter)
    {
        double scale = (double)(in1 - in0) / outSize;
        double filterscale = Math.Max(scale, 1.0);
        double support = Support(filter) * filterscale;
        int ksize = (int)Math.Ceiling(support) * 2 + 1;
        var bounds = new int[outSize * 2];
        var kernel = new double[outSize * ksize];
        double inverse = 1.0 / filterscale;
        for (int xx = 0; xx < outSize; xx++)
        {
            double center = in0 + (xx + 0.5) * scale;
            int xmin = Math.Max(0, (int)(center - support + 0.5));
            int xmax = Math.Min(inSize, (int)(center + support + 0.5)) - xmin;
            Span<double> k = kernel.AsSpan(xx * ksize, ksize);
            double ww = 0.0;
            for (int x = 0; x < xmax; x++)
            {
                double w = Weight(filter, (x + xmin - center + 0.5) * inverse);
                k[x] = w;
                ww += w;
            }
            for (int x = 0; x < Math.Max(xmax, 0); x++)
                if (ww != 0.0)
                    k[x] /= ww;
            bounds[xx * 2] = xmin;
            bounds[xx * 2 + 1] = xmax;
        }
        return (bounds, kernel, ksize);
    }

    /// <summary><see cref="Weights"/> + Pillow's <c>normalize_coeffs_8bpc</c>: the taps in fixed point.</summary>
    private static (int[] bounds, int[] kernel, int ksize) Coefficients(int inSize, float in0, float in1, int outSize, int filter)
    {
        var (bounds, weights, ksize) = Weights(inSize, in0, in1, outSize, filter);
        var kernel = new int[weights.Length];
        for (int i = 0; i < weights.Length; i++)
            kernel[i] = weights[i] < 0
                ? (int)(-0.5 + weights[i] * (1 << PrecisionBits))
                : (int)(0.5 + weights[i] * (1 << PrecisionBits));
        return (bounds, kernel, ksize);
    }

    private static byte Clip8(int value)
    {
        int shifted = value >> PrecisionBits;
        return (byte)(shifted < 0 ? 0 : shifted > 255 ? 255 : shifted);
    }

    /// <summary>Pillow's <c>ImagingResample</c> for a non-nearest filter over the source region <paramref name="box"/>.</summary>
    public static Image Convolve(Image input, int xsize, int ysize, int filter, (float x0, float y0, float x1, float y1) box)
    {
        bool needHorizontal = xsize != input.width || box.x0 != 0 || box.x1 != xsize;
        bool needVertical = ysize != input.height || box.y0 != 0 || box.y1 != ysize;
        if (input.IntPixels is not null)
            return ConvolveInts(input, xsize, ysize, filter, box, needHorizontal, needVertical);
        var (hBounds, hKernel, hSize) = Coefficients(input.width, box.x0, box.x1, xsize, filter);
        var (vBounds, vKernel, vSize) = Coefficients(input.height, box.y0, box.y1, ysize, filter);
        int firstRow = vBounds[0];
        int lastRow = vBounds[ysize * 2 - 2] + vBounds[ysize * 2 - 1];
        Image current = input;
        if (needHorizontal)
        {
            for (int i = 0; i < ysize; i++)
                vBounds[i * 2] -= firstRow;
            var temp = new Image(input.mode, xsize, lastRow - firstRow);
            Horizontal(temp, input, firstRow, hBounds, hKernel, hSize);
            current = temp;
        }
        if (needVertical)
        {
            var output = new Image(input.mode, current.width, ysize);
            Vertical(output, current, vBounds, vKernel, vSize);
            current = output;
        }
        return ReferenceEquals(current, input) ? input.copy() : current;
    }

    /// <summary>Pillow's 32bpc path for mode "I": double taps, sums rounded half away from zero
    /// (ROUND_UP), no clipping, an "I" intermediate between the passes.</summary>
    private static Image ConvolveInts(Image input, int xsize, int ysize, int filter, (float x0, float y0, float x1, float y1) box,
                                      bool needHorizontal, bool needVertical)
    {
        var (hBounds, hKernel, hSize) = Weights(input.width, box.x0, box.x1, xsize, filter);
        var (vBounds, vKernel, vSize) = Weights(input.height, box.y0, box.y1, ysize, filter);
        int firstRow = vBounds[0];
        int lastRow = vBounds[ysize * 2 - 2] + vBounds[ysize * 2 - 1];
        Image current = input;
        if (needHorizontal)
        {
            for (int i = 0; i < ysize; i++)
                vBounds[i * 2] -= firstRow;
            var temp = new Image("I", xsize, lastRow - firstRow);
            int[] src = input.IntPixels!, dst = temp.IntPixels!;
            for (int y = 0; y < temp.height; y++)
                for (int xx = 0; xx < xsize; xx++)
                {
                    int xmin = hBounds[xx * 2], count = hBounds[xx * 2 + 1];
                    double ss = 0.0;
                    for (int x = 0; x < count; x++)
                        ss += src[(y + firstRow) * input.width + xmin + x] * hKernel[xx * hSize + x];
                    dst[y * xsize + xx] = RoundUp(ss);
                }
            current = temp;
        }
        if (needVertical)
        {
            var output = new Image("I", current.width, ysize);
            int[] src = current.IntPixels!, dst = output.IntPixels!;
            int w = current.width;
            for (int yy = 0; yy < ysize; yy++)
            {
                int ymin = vBounds[yy * 2], count = vBounds[yy * 2 + 1];
                for (int xx = 0; xx < w; xx++)
                {
                    double ss = 0.0;
                    for (int y = 0; y < count; y++)
                        ss += src[(y + ymin) * w + xx] * vKernel[yy * vSize + y];
                    dst[yy * w + xx] = RoundUp(ss);
                }
            }
            current = output;
        }
        return ReferenceEquals(current, input) ? input.copy() : current;
    }

    // Pillow's ROUND_UP: half away from zero, then truncation to int.
    private static int RoundUp(double f) => (int)(f >= 0.0 ? f + 0.5f : f - 0.5f);

    private static void Horizontal(Image output, Image input, int rowOffset, int[] bounds, int[] kernel, int ksize)
    {
        int b = input.bands;
        const int half = 1 << (PrecisionBits - 1);
        for (int y = 0; y < output.height; y++)
        {
            ReadOnlySpan<byte> src = input.Row(y + rowOffset);
            Span<byte> dst = output.Row(y);
            for (int xx = 0; xx < output.width; xx++)
            {
                int count = bounds[xx * 2 + 1];
                ReadOnlySpan<int> k = kernel.AsSpan(xx * ksize, ksize);
                ReadOnlySpan<byte> window = src.Slice(bounds[xx * 2] * b, count * b);
                int s0 = half, s1 = half, s2 = half, s3 = half;
                if (b == 1)
                {
                    for (int x = 0; x < count; x++)
                        s0 += window[x] * k[x];
                    dst[xx] = Clip8(s0);
                    continue;
                }
                for (int x = 0, o = 0; x < count; x++, o += b)
                {
                    int weight = k[x];
                    s0 += window[o] * weight;
                    s1 += window[o + 1] * weight;
                    s2 += window[o + 2] * weight;
                    if (b == 4)
                        s3 += window[o + 3] * weight;
                }
                int d = xx * b;
                dst[d] = Clip8(s0);
                dst[d + 1] = Clip8(s1);
                dst[d + 2] = Clip8(s2);
                if (b == 4)
                    dst[d + 3] = Clip8(s3);
            }
        }
    }

    private static void Vertical(Image output, Image input, int[] bounds, int[] kernel, int ksize)
    {
        int rowLength = input.width * input.bands;
        var sums = new int[rowLength];
        for (int yy = 0; yy < output.height; yy++)
        {
            int ymin = bounds[yy * 2], count = bounds[yy * 2 + 1];
            ReadOnlySpan<int> k = kernel.AsSpan(yy * ksize, ksize);
            Array.Fill(sums, 1 << (PrecisionBits - 1));
            for (int y = 0; y < count; y++)
            {
                ReadOnlySpan<byte> src = input.Row(y + ymin);
                int weight = k[y];
                for (int i = 0; i < rowLength; i++)
                    sums[i] += src[i] * weight;
            }
            Span<byte> dst = output.Row(yy);
            for (int i = 0; i < rowLength; i++)
                dst[i] = Clip8(sums[i]);
        }
    }

    /// <summary>Pillow's nearest-neighbour resize (an affine scale sampled at pixel centres, positions
    /// accumulated in double as Pillow does; samples outside the source are zero).</summary>
    public static Image Nearest(Image input, int xsize, int ysize, (float x0, float y0, float x1, float y1) box)
    {
        double ax = (double)(box.x1 - box.x0) / xsize, ay = (double)(box.y1 - box.y0) / ysize;
        var columns = new int[xsize];
        double xo = box.x0 + ax * 0.5;
        for (int x = 0; x < xsize; x++, xo += ax)
            columns[x] = Coordinate(xo, input.width);
        var output = new Image(input.mode, xsize, ysize);
        int b = input.bands;
        int[]? ints = input.IntPixels;
        double yo = box.y0 + ay * 0.5;
        for (int y = 0; y < ysize; y++, yo += ay)
        {
            int yi = Coordinate(yo, input.height);
            if (yi < 0)
                continue;
            if (ints is not null)
            {
                for (int x = 0; x < xsize; x++)
                    if (columns[x] >= 0)
                        output.IntPixels![y * xsize + x] = ints[yi * input.width + columns[x]];
                continue;
            }
            ReadOnlySpan<byte> src = input.Row(yi);
            Span<byte> dst = output.Row(y);
            for (int x = 0; x < xsize; x++)
                if (columns[x] >= 0)
                    src.Slice(columns[x] * b, b).CopyTo(dst.Slice(x * b, b));
        }
        return output;
    }

    // Pillow's COORD: truncation, negatives to -1; -1 also marks out-of-range.
    private static int Coordinate(double v, int size)
    {
        int i = v < 0.0 ? -1 : (int)v;
        return i < size ? i : -1;
    }
}
