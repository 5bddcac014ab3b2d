using KerasPort.Backend;
using KerasPort.Utils;
using static TorchSharp.torch;

namespace KerasPort.Preprocessing.Image;

// How a batch is made, in three phases:
//  draw    - every random draw of the batch, serially and in Keras's order (under the lock);
//  render  - the pixel work, no random draws, parallel across the images (may run ahead);
//  deliver - in the caller's thread: files for save_to_dir, then the labels.
public abstract partial class Iterator
{
    /// <summary>The generator whose transforms and normalisation are applied; null for none.</summary>
    public ImageDataGenerator? image_data_generator { get; private protected init; }

    /// <summary><c>"channels_last"</c> or <c>"channels_first"</c>.</summary>
    public string data_format { get; private protected init; } = "channels_last";

    /// <summary>Element type of the image batches (and of Keras's generated labels).</summary>
    public ScalarType dtype { get; private protected init; } = ScalarType.Float32;

    /// <summary>Folder where every augmented image is saved as it is handed out; null for none.</summary>
    public string? save_to_dir { get; private protected init; }

    /// <summary>Prefix of the saved files' names.</summary>
    public string save_prefix { get; private protected init; } = "";

    /// <summary>Format (and extension) of the saved files, e.g. "png" or "jpeg".</summary>
    public string save_format { get; private protected init; } = "png";

    /// <summary>Shape of one image as the generator sees it (3-D, channel axis per data_format).</summary>
    public abstract long[] image_shape { get; }

    // Keras draws the saved files' hash with np.random.randint(1e4) for arrays, 1e7 for files.
    private protected abstract long save_hash_range { get; }

    // Sample j as a float tensor of image_shape; the pipeline may change it in place only when
    // samples_owned (otherwise it is a view of the iterator's data).
    private protected abstract Tensor load_sample(int j);

    private protected virtual bool samples_owned => true;

    // All the samples as one contiguous float32 CPU array in image_shape order (sample j at
    // j * its size), for the one-pass render; null where samples are loaded one by one.
    private protected virtual Tensor? samples_array => null;

    // Assembles the batch of the samples in index_array from their images.
    private protected abstract Batch make_batch(int[] index_array, Tensor batch_x);

    // A user preprocessing_function may draw random numbers itself: then every image is done in
    // Keras's exact serial order, and nothing is prepared ahead.
    private bool serial => image_data_generator?.preprocessing_function is not null;

    private protected sealed record Drawn(int[] index_array, TransformParameters[]? transforms,
                                          string[]? save_names, Tensor? pixels);

    private Drawn draw(int[] idx)
    {
        var generator = image_data_generator;
        TransformParameters[]? transforms = null;
        Tensor? pixels = null;
        if (serial)
        {
            pixels = RecycledHostTensors.empty([idx.Length, .. image_shape], dtype);
            for (int i = 0; i < idx.Length; i++) render_one(pixels, i, idx[i], generator!.get_random_transform(image_shape));
        }
        else if (generator is not null)
        {
            transforms = new TransformParameters[idx.Length];
            for (int i = 0; i < idx.Length; i++) transforms[i] = generator.get_random_transform(image_shape);
        }
        string[]? names = null;
        if (!string.IsNullOrEmpty(save_to_dir))
        {
            names = new string[idx.Length];
            for (int i = 0; i < idx.Length; i++)
                names[i] = $"{save_prefix}_{idx[i]}_{RandomState.Global.randint(save_hash_range)}.{save_format}";
        }
        return new Drawn(idx, transforms, names, pixels);
    }

    // Starts the pixel work of a batch on the render workers (RenderWorkers), image by image. A
    // batch drawn ahead belongs to no dispose scope until it is handed out (taken_ahead).
    private Task<Tensor> start_render(Drawn drawn, bool ahead)
    {
        var idx = drawn.index_array;
        var batch_x = RecycledHostTensors.empty([idx.Length, .. image_shape], dtype);   // every image is written below
        if (ahead) batch_x.DetachFromDisposeScope();
        try
        {
            if (drawn.transforms is { } transforms && image_data_generator is { } generator && dtype == ScalarType.Float32 &&
                samples_array is { dtype: ScalarType.Float32 } samples && idx.Length > 0 && generator.one_pass(image_shape))
                return render_one_pass(generator, samples, batch_x, idx, transforms);
            return RenderWorkers.shared.run(idx.Length, i => render_one(batch_x, i, idx[i], drawn.transforms?[i]), batch_x);
        }
        catch
        {
            batch_x.Dispose();
            throw;
        }
    }

    // The images straight from the samples' storage into the batch's, with no tensor op per image;
    // an image that the one pass does not cover takes the general way once its last band is done.
    // A batch with fewer images than cores is computed in bands of rows, so that every core has a share.
    private unsafe Task<Tensor> render_one_pass(ImageDataGenerator generator, Tensor samples, Tensor batch_x, int[] idx, TransformParameters[] transforms)
    {
        long size = image_shape.Aggregate(1L, (a, b) => a * b);
        nint source, target;
        using (var first = samples[0])
        fixed (byte* s = first.bytes, t = batch_x.bytes)
            (source, target) = ((nint)s, (nint)t);
        var shape = image_shape;
        int bands = row_bands(idx.Length, (int)shape[0]);
        var bands_left = Enumerable.Repeat(bands, idx.Length).ToArray();
        var general = new bool[idx.Length];
        return RenderWorkers.shared.run(idx.Length * bands, k =>
        {
            int i = k / bands, band = k % bands;
            bool whole = bands == 1 || !ImageDataGenerator.splits_rows(transforms[i]);
            if (!whole || band == 0)
            {
                Range? rows = whole ? null : new Range((int)(shape[0] * band / bands), (int)(shape[0] * (band + 1) / bands));
                if (!generator.transform_into((float*)source + idx[i] * size, shape, transforms[i], (float*)target + i * size, rows))
                    general[i] = true;
            }
            // The decrement orders the other bands' writes before this read.
            if (Interlocked.Decrement(ref bands_left[i]) == 0 && general[i])
                render_one(batch_x, i, idx[i], transforms[i], one_pass: false);
        }, batch_x);
    }

    /// <summary>Bands of rows per image: enough for every core to have work, none under <see cref="MinBandRows"/> rows.</summary>
    internal static int row_bands(int images, int rows) =>
        images >= Environment.ProcessorCount ? 1 : Math.Max(1, Math.Min((Environment.ProcessorCount + images - 1) / images, rows / MinBandRows));

    // A band shorter than this costs more in setup (per-thread scratch, column terms) than it gains.
    private const int MinBandRows = 16;

    private void render_one(Tensor batch_x, int i, int j, TransformParameters? transform, bool one_pass = true)
    {
        using var scope = NewDisposeScope();
        var source = load_sample(j);
        using var slot = batch_x[i];
        var x = source;
        if (image_data_generator is { } generator && transform is not null)
        {
            if (one_pass && generator.transform_into(source, transform, slot))
                return;
            x = generator.apply_transform(source, transform);
            if (ReferenceEquals(x, source) && !samples_owned)
            {
                // standardize works in place: on the batch's own copy.
                write(slot, source);
                x = slot;
            }
            x = generator.standardize(x);
        }
        if (!ReferenceEquals(x, slot))
            write(slot, x);
    }

    private void write(Tensor slot, Tensor x)
    {
        if (x.dtype == dtype && x.is_contiguous() && x.device_type == TorchSharp.DeviceType.CPU)
            x.bytes.CopyTo(slot.bytes);   // no tensor op: it would start libtorch's threads in each worker
        else
            slot.copy_(x);
    }

    // A batch prepared ahead, now handed out: it joins the caller's dispose scope, as a batch
    // made in the call would (a fit step frees it, and its memory serves the next batch).
    private static Tensor taken_ahead(Tensor prepared)
    {
        var batch_x = prepared.alias();
        prepared.Dispose();
        return batch_x;
    }

    private Batch deliver(Drawn drawn, Tensor batch_x)
    {
        if (drawn.save_names is { } names) save_images(batch_x, names);
        return make_batch(drawn.index_array, batch_x);
    }

    // Image.save writes each file atomically (a temporary file, then a rename).
    private void save_images(Tensor batch_x, string[] names)
    {
        var dir = save_to_dir!;
        Directory.CreateDirectory(dir);
        parallel_for(names.Length, i =>
        {
            using var scope = NewDisposeScope();
            keras.preprocessing.image.array_to_img(batch_x[i], data_format, scale: true).save(Path.Combine(dir, names[i]));
        });
    }

    // Parallel.For that rethrows the first failure itself, not wrapped in an AggregateException.
    private static void parallel_for(int count, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
