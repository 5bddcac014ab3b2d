using TorchSharp;

namespace KerasPort.Preprocessing.Image;

public sealed partial class ImageDataGenerator
{
    /// <summary>Per-channel mean from <see cref="fit"/> (shape [1, 1, C] or [C, 1, 1]); null before.</summary>
    public torch.Tensor? mean { get; private set; }

    /// <summary>Per-channel standard deviation from <see cref="fit"/>; null before.</summary>
    public torch.Tensor? std { get; private set; }

    /// <summary>ZCA whitening matrix [D, D] (D = H·W·C) from <see cref="fit"/>; null before.</summary>
    public torch.Tensor? zca_whitening_matrix { get; private set; }

    /// <summary>The ZCA matrix under its older Keras name (Keras 2.2's <c>principal_components</c>).</summary>
    public torch.Tensor? principal_components => zca_whitening_matrix;

    /// <summary>
    /// Applies the normalization configuration in place to an image or a batch, in Keras's
    /// order: preprocessing_function, rescale, samplewise centre and std (statistics over
    /// everything passed in), featurewise centre and std, ZCA. Warns, as Keras does, when a
    /// featurewise step is configured but the generator was not fitted. Returns the result
    /// (<paramref name="x"/> itself unless preprocessing_function or ZCA made a new tensor).
    /// </summary>
    public torch.Tensor standardize(torch.Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() is not (3 or 4))
            throw new ArgumentException($"Input to `.standardize()` should have rank 3 (one image) or 4 (a batch). Got array with shape: [{string.Join(", ", x.shape)}]", nameof(x));
        if (preprocessing_function is not null)
            x = preprocessing_function(x);
        if (rescale is double r && r != 0)
        {
            if (x.device_type == DeviceType.CPU && x.is_contiguous() && x.dtype is torch.ScalarType.Float32 or torch.ScalarType.Float64)
                PixelOps.ScaleInPlace(x, r);   // no tensor op: it would start libtorch's threads in each worker
            else
            {
                using var factor = Scalar(r, x);
                x.mul_(factor);
            }
        }
        if (samplewise_center)
        {
            using var m = x.mean();
            x.sub_(m);
        }
        if (samplewise_std_normalization)
        {
            using var s = x.std(unbiased: false);
            using var eps = Scalar(1e-6, x);
            using var d = s + eps;
            x.div_(d);
        }
        if (featurewise_center)
        {
            if (mean is not null)
                x.sub_(mean);
            else
                warn("This ImageDataGenerator specifies `featurewise_center`, but it hasn't been fit on any training data. Fit it first by calling `.fit(numpy_data)`.");
        }
        if (featurewise_std_normalization)
        {
            if (std is not null)
            {
                using var eps = Scalar(1e-6, std);
                using var d = std + eps;
                x.div_(d);
            }
            else
                warn("This ImageDataGenerator specifies `featurewise_std_normalization`, but it hasn't been fit on any training data. Fit it first by calling `.fit(numpy_data)`.");
        }
        if (zca_whitening)
        {
            if (zca_whitening_matrix is not null)
            {
                long d = x.shape[^3] * x.shape[^2] * x.shape[^1];
                using var flat = x.reshape(-1, d);
                using var white = flat.matmul(zca_whitening_matrix.to_type(x.dtype));
                x = white.reshape(x.shape);
            }
            else
                warn("This ImageDataGenerator specifies `zca_whitening`, but it hasn't been fit on any training data. Fit it first by calling `.fit(numpy_data)`.");
        }
        return x;
    }

    /// <summary>
    /// Fits the data-dependent statistics (featurewise mean and std, ZCA matrix) to sample
    /// data, as Keras does: on a float copy, after rescale, optionally over
    /// <paramref name="rounds"/> passes of random augmentation (seeded once by
    /// <paramref name="seed"/>).
    /// </summary>
    /// <param name="x">Sample data of rank 4 (1, 3 or 4 channels expected).</param>
    /// <param name="augment">Whether to fit on randomly augmented samples.</param>
    /// <param name="rounds">Augmentation passes over the data when augmenting.</param>
    /// <param name="seed">Random seed, 0 to 2^32 − 1.</param>
    public void fit(torch.Tensor x, bool augment = false, int rounds = 1, long? seed = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 4)
            throw new ArgumentException($"Input to `.fit()` should have rank 4. Got array with shape: ({string.Join(", ", x.shape)})", nameof(x));
        if (rounds < 1 && augment)
            throw new ArgumentException($"Invalid value received for argument rounds. Expected a positive integer. Received: rounds={rounds}", nameof(rounds));
        long channels = x.shape[channel_axis];
        if (channels is not (1 or 3 or 4))
            warn($"Expected input to be images (as Numpy array) following the data format convention \"{data_format}\" (channels on axis {channel_axis}), i.e. expected either 1, 3 or 4 channels on axis {channel_axis}. However, it was passed an array with shape ({string.Join(", ", x.shape)}) ({channels} channels).");
        if (seed is long s)
            Utils.RandomState.Global.seed(s);

        using var scope = torch.NewDisposeScope();
        var data = x.to_type(scalar_type, copy: true).cpu().contiguous();
        if (rescale is double r && r != 0)
            data.mul_(Scalar(r, data));
        if (augment)
        {
            long n = data.shape[0];
            var augmented = torch.zeros([rounds * n, .. data.shape[1..]], scalar_type);
            for (int round = 0; round < rounds; round++)
                for (long i = 0; i < n; i++)
                {
                    using var image = data[i];
                    using var transformed = random_transform(image);
                    augmented[i + round * n].copy_(transformed);
                }
            data = augmented;
        }

        long[] axes = [0, row_axis, col_axis];
        long[] broadcast = [1, 1, 1];
        broadcast[channel_axis - 1] = data.shape[channel_axis];
        torch.Tensor? newMean = null, newStd = null, newZca = null;
        if (featurewise_center)
        {
            // Accumulated in float64 (numpy sums float32 pairwise; both round to the same float32 but for the last bit).
            newMean = data.to_type(torch.ScalarType.Float64).mean(axes).to_type(scalar_type).reshape(broadcast);
            data.sub_(newMean);
        }
        if (featurewise_std_normalization)
        {
            newStd = data.to_type(torch.ScalarType.Float64).std(axes, unbiased: false).to_type(scalar_type).reshape(broadcast);
            data.div_(newStd + Scalar(1e-6, newStd));
        }
        if (zca_whitening)
        {
            long n = data.shape[0];
            var flat = data.reshape(n, -1).to_type(torch.ScalarType.Float64);
            // u, s = svd(flat.T); W = u · diag(sqrt(n) / (s + eps)) · uᵀ (computed in float64, stored as dtype).
            var (u, sv, _) = torch.linalg.svd(flat.t(), fullMatrices: false);
            var sInv = Math.Sqrt(n) / (sv + zca_epsilon);
            newZca = (u * sInv.unsqueeze(0)).matmul(u.t()).to_type(scalar_type);
        }
        // Keep the statistics only once everything succeeded.
        if (newMean is not null)
            mean = Replace(mean, newMean);
        if (newStd is not null)
            std = Replace(std, newStd);
        if (newZca is not null)
            zca_whitening_matrix = Replace(zca_whitening_matrix, newZca);
    }

    private static torch.Tensor Replace(torch.Tensor? old, torch.Tensor replacement)
    {
        old?.Dispose();
        return replacement.MoveToOuterDisposeScope();
    }

    // A scalar in x's dtype, so that float32 arithmetic stays float32 as in numpy.
    private static torch.Tensor Scalar(double value, torch.Tensor like) => torch.tensor(value, like.dtype);
}
