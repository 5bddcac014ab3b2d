using System.Buffers.Binary;
using System.Numerics;
using Google.Protobuf;
using Tensorboard;

namespace KerasPort.Callbacks;

/// <summary>
/// A TensorBoard event file, as TensorFlow's summary writer makes it: the file
/// <c>events.out.tfevents.{seconds}.{host}.{pid}.{n}.v2</c> in <see cref="log_dir"/>, TFRecord
/// framing (little-endian length, masked CRC32C of the length, the serialized <c>Event</c>,
/// masked CRC32C of it), a first <c>file_version: "brain.Event:2"</c> event, and TF2-style
/// summaries (scalars and histograms as tensors with their plugin's name). The
/// <c>Event</c>/<c>Summary</c> protobuf classes are TorchSharp's. Wall times are seconds since
/// the Unix epoch.
/// </summary>
internal sealed class TensorBoardEventWriter : IDisposable
{
    private static int _uid;
    private readonly FileStream _stream;

    public TensorBoardEventWriter(string log_dir)
    {
        this.log_dir = log_dir;
        Directory.CreateDirectory(log_dir);
        long seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        path = Path.Combine(log_dir, $"events.out.tfevents.{seconds}.{Environment.MachineName}.{Environment.ProcessId}.{Interlocked.Increment(ref _uid)}.v2");
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        write(new Event { WallTime = now(), FileVersion = "brain.Event:2" });
    }

    public string log_dir { get; }

    /// <summary>The event file.</summary>
    public string path { get; }

    private static double now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>A scalar summary, as <c>tf.summary.scalar</c> writes it (a float32 tensor, plugin <c>scalars</c>).</summary>
    public void scalar(string tag, double value, long step)
    {
        var tensor = new TensorProto { Dtype = DataType.DtFloat, TensorShape = new TensorShapeProto() };
        tensor.FloatVal.Add((float)value);
        write_value(tag, "scalars", tensor, step);
    }

    /// <summary>
    /// A histogram summary, as <c>tf.summary.histogram</c> writes it: a [30, 3] float64 tensor of
    /// (left edge, right edge, count) over 30 equal buckets from the minimum to the maximum, plugin
    /// <c>histograms</c>.
    /// </summary>
    public void histogram(string tag, ReadOnlySpan<double> data, long step, int bucket_count = 30)
    {
        var tensor = new TensorProto { Dtype = DataType.DtDouble, TensorShape = new TensorShapeProto() };
        tensor.TensorShape.Dim.Add(new TensorShapeProto.Types.Dim { Size = bucket_count });
        tensor.TensorShape.Dim.Add(new TensorShapeProto.Types.Dim { Size = 3 });
        var rows = new double[bucket_count * 3];
        if (data.Length > 0)
        {
            double min = double.PositiveInfinity, max = double.NegativeInfinity;
            foreach (var v in data) { min = Math.Min(min, v); max = Math.Max(max, v); }
            double range = max - min;
            var counts = new double[bucket_count];
            if (range == 0)
                counts[^1] = data.Length;
            else
            {
                double width = range / bucket_count;
                foreach (var v in data) counts[Math.Min((int)Math.Floor((v - min) / width), bucket_count - 1)] += 1;
            }
            for (int i = 0; i < bucket_count; i++)
            {
                // The edges as tf.linspace(min, max, n + 1), the last one exactly max.
                rows[3 * i] = range == 0 ? min : min + range * i / bucket_count;
                rows[3 * i + 1] = range == 0 ? min : i == bucket_count - 1 ? max : min + range * (i + 1) / bucket_count;
                rows[3 * i + 2] = counts[i];
            }
        }
        tensor.DoubleVal.AddRange(rows);
        write_value(tag, "histograms", tensor, step);
    }

    /// <summary>Keras's <c>keras_model_summary</c>: the model's JSON config as a string tensor, plugin <c>graph_keras_model</c>.</summary>
    public void keras_model(string tag, string json, long step)
    {
        var tensor = new TensorProto { Dtype = DataType.DtString, TensorShape = new TensorShapeProto() };
        tensor.StringVal.Add(ByteString.CopyFromUtf8(json));
        write_value(tag, "graph_keras_model", tensor, step, ByteString.CopyFromUtf8("1"));
    }

    private void write_value(string tag, string plugin, TensorProto tensor, long step, ByteString? content = null)
    {
        var metadata = new SummaryMetadata { PluginData = new SummaryMetadata.Types.PluginData { PluginName = plugin } };
        if (content is not null) metadata.PluginData.Content = content;
        var summary = new Summary();
        summary.Value.Add(new Summary.Types.Value { Tag = tag, Tensor = tensor, Metadata = metadata });
        write(new Event { WallTime = now(), Step = step, Summary = summary });
    }

    private void write(Event e)
    {
        var data = e.ToByteArray();
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt64LittleEndian(header, (ulong)data.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], masked_crc32c(header[..8]));
        Span<byte> footer = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(footer, masked_crc32c(data));
        _stream.Write(header);
        _stream.Write(data);
        _stream.Write(footer);
    }

    public void flush() => _stream.Flush();

    /// <summary>TFRecord's masked CRC32C: the CRC rotated right by 15 bits plus 0xa282ead8.</summary>
    internal static uint masked_crc32c(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (var b in data) crc = BitOperations.Crc32C(crc, b);
        crc = ~crc;
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8;
    }

    public void Dispose() => _stream.Dispose();
}
