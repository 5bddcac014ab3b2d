using static TorchSharp.torch;

namespace KerasPort.Data;

/// <summary>
/// The per-file work of <c>image_dataset_from_directory</c> (Keras's <c>_load_image</c>): decode
/// as <c>load_img</c> does in the dataset's colour mode, to float32 pixels, then resize to the
/// dataset's size as <c>keras.ops.image.resize</c> does on the torch backend.
/// </summary>
internal sealed class ImageLoader
{
    private readonly (int height, int width) _size;
    private readonly int _num_channels;
    private readonly string _interpolation;
    private readonly bool _crop_to_aspect_ratio;
    private readonly bool _pad_to_aspect_ratio;
    private readonly string _data_format;

    public ImageLoader((int, int) size, int num_channels, string interpolation, bool crop_to_aspect_ratio, bool pad_to_aspect_ratio, string data_format)
    {
        _size = size;
        _num_channels = num_channels;
        _interpolation = interpolation;
        _crop_to_aspect_ratio = crop_to_aspect_ratio;
        _pad_to_aspect_ratio = pad_to_aspect_ratio;
        _data_format = data_format;
    }

    /// <summary>
    /// Keras's <c>paths_and_labels_to_dataset</c>: the file indices zipped with the labels (as
    /// <c>labels_to_dataset</c> encodes them), shuffled with a buffer when asked, and mapped in
    /// parallel to the images.
    /// </summary>
    public Dataset dataset(string[] paths, int[]? labels, string? label_mode, int num_classes, bool shuffle, long shuffle_buffer_size, long seed)
    {
        var index_ds = Dataset.from_tensor_slices(arange(paths.Length, dtype: ScalarType.Int64));
        if (label_mode is null || labels is null)
        {
            if (shuffle) index_ds = index_ds.shuffle(shuffle_buffer_size, seed: seed);
            return index_ds.map(i => load(paths[i.item<long>()]), num_parallel_calls: Dataset.AUTOTUNE);
        }
        var label_ds = Dataset.from_tensor_slices(tensor(labels));
        label_ds = label_mode switch
        {
            "binary" => label_ds.map(y => y.to_type(ScalarType.Float32).unsqueeze(-1), num_parallel_calls: Dataset.AUTOTUNE),
            "categorical" => label_ds.map(y => nn.functional.one_hot(y.to_type(ScalarType.Int64), num_classes).to_type(ScalarType.Float32), num_parallel_calls: Dataset.AUTOTUNE),
            _ => label_ds,
        };
        var ds = Dataset.zip(index_ds, label_ds);
        if (shuffle) ds = ds.shuffle(shuffle_buffer_size, seed: seed);
        return ds.map((i, y) => (load(paths[i.item<long>()]), y), num_parallel_calls: Dataset.AUTOTUNE);
    }

    /// <summary>One image file as float32 pixels of the dataset's size and layout.</summary>
    public Tensor load(string path)
    {
        string color_mode = _num_channels switch { 1 => "grayscale", 4 => "rgba", _ => "rgb" };
        var img = keras.preprocessing.image.load_img(path, color_mode: color_mode);
        using var pixels = keras.preprocessing.image.img_to_array(img);
        return resize(pixels);
    }

    /// <summary>Keras's grain/torch path: <c>ops.image.resize</c> in the dataset's data format (crop or pad first when asked).</summary>
    private Tensor resize(Tensor pixels)
    {
        if (_data_format == "channels_first")
        {
            using var first = pixels.permute(2, 0, 1);
            return resize_to_size(first);
        }
        return resize_to_size(pixels);
    }

    private Tensor resize_to_size(Tensor pixels) =>
        keras.ops.image.resize(pixels, [_size.height, _size.width], interpolation: _interpolation,
            crop_to_aspect_ratio: _crop_to_aspect_ratio, pad_to_aspect_ratio: _pad_to_aspect_ratio, data_format: _data_format);
}
