using System.Globalization;
using System.Text;
using KerasPort.Layers;

namespace KerasPort.Models;

public partial class Model
{
    /// <summary>
    /// Keras 3's <c>model.summary()</c>: the table of layers (name and class, output shape, parameter
    /// count) drawn as rich draws it, then the parameter totals with their sizes, and the optimizer's
    /// parameters once the optimizer is built. <paramref name="line_length"/> defaults to
    /// <c>min(88, COLUMNS - 4)</c>, the terminal width read as Keras reads it (the <c>COLUMNS</c>
    /// variable, else the console, else 80). <paramref name="print_fn"/> receives the whole text;
    /// without it the text goes to standard output.
    /// </summary>
    public void summary(int? line_length = null, double[]? positions = null, Action<string>? print_fn = null)
    {
        var text = summary_text(line_length, positions);
        if (print_fn is not null) print_fn(text);
        else
        {
            Console.Out.Write(text);
            Console.Out.Flush();
        }
    }

    /// <summary>The text <see cref="summary"/> prints.</summary>
    internal string summary_text(int? line_length = null, double[]? positions = null)
    {
        bool sequential_like = is_sequential_like();
        int width = line_length ?? Math.Min(sequential_like ? 88 : 108, terminal_columns() - 4);
        int columns = sequential_like ? 3 : 4;
        positions ??= sequential_like ? [0.45, 0.80, 1.0] : [0.3, 0.56, 0.74, 1.0];
        if (positions.Length != columns)
            throw new ArgumentException($"Invalid value received for argument positions. Expected {columns} positions. Received: {positions.Length}", nameof(positions));
        if (positions[^1] <= 1) positions = positions.Select(p => Math.Floor(p * width)).ToArray();
        var column_widths = new int[columns];
        int current = 0;
        for (int i = 0; i < columns; i++)
        {
            column_widths[i] = (int)positions[i] - current;
            if (column_widths[i] < 4) throw new ArgumentException("Insufficient console width to print summary.", nameof(line_length));
            current += column_widths[i];
        }

        var rows = layers.Select(layer =>
        {
            var fields = new List<string> { $"{layer.name} ({class_name(layer)})", layer_output_shape(layer), layer_params(layer) };
            if (!sequential_like) fields.Add(connections(layer));
            return fields.ToArray();
        }).ToList();
        var table = sequential_like
            ? RichTable.render(["Layer (type)", "Output Shape", "Param #"], [false, false, true], column_widths, width, rows)
            : RichTable.render(["Layer (type)", "Output Shape", "Param #", "Connected to"], [false, false, true, false], column_widths, width, rows);

        long trainable = trainable_weights.Sum(w => w.numel());
        long non_trainable = non_trainable_weights.Sum(w => w.numel());
        var optimizer_counts = compiled ? optimizer_parameter_counts() : null;
        long total = trainable + non_trainable + (optimizer_counts?.count ?? 0);
        long total_bytes = 4 * (trainable + non_trainable) + (optimizer_counts?.bytes ?? 0);

        var text = new StringBuilder();
        text.Append($"Model: \"{name}\"\n");
        text.Append(table);
        text.Append($" Total params: {count_text(total)} ({readable_memory_size(total_bytes)})\n");
        text.Append($" Trainable params: {count_text(trainable)} ({readable_memory_size(4 * trainable)})\n");
        text.Append($" Non-trainable params: {count_text(non_trainable)} ({readable_memory_size(4 * non_trainable)})\n");
        if (optimizer_counts is { } o)
            text.Append($" Optimizer params: {count_text(o.count)} ({readable_memory_size(o.bytes)})\n");
        return text.ToString();
    }

    /// <summary>The number and size of the optimizer's variables once it is built (Keras counts them in the total); null before.</summary>
    private (long count, long bytes)? optimizer_parameter_counts()
    {
        if (optimizer is not { built: true }) return null;
        // The iteration (int32 on the torch backend), the float32 learning rate and float32 slots: 4 bytes each.
        long count = optimizer.variables.Sum(v => v.numel());
        return (count, 4 * count);
    }

    /// <summary>The class Keras names in a row: a Functional model is a <c>Functional</c>.</summary>
    private static string class_name(Layer layer) => layer is Model { is_functional: true } m && m.GetType() == typeof(Model) ? "Functional" : layer.GetType().Name;

    /// <summary>
    /// Keras's test for the short table: a Sequential, a subclass, or a Functional model that is a
    /// plain chain (one node per depth, each with one input, no layer called twice).
    /// </summary>
    private bool is_sequential_like()
    {
        if (graph is not { } g) return true;
        var nodes = new HashSet<Ops.Node>();
        foreach (var depth in g.nodes_by_depth)
        {
            if (depth.Count > 1 || (depth.Count == 1 && depth[0].input_tensors.Count > 1)) return false;
            nodes.UnionWith(depth);
        }
        return layers.All(l => l.inbound_nodes.Count(nodes.Contains) <= 1);
    }

    /// <summary>Keras's "Connected to" cell: each input of the layer's calls in this model as <c>layer[node][tensor]</c>, or "-".</summary>
    private string connections(Layer layer)
    {
        var parts = new List<string>();
        foreach (var node in layer.inbound_nodes.Where(n => graph!.nodes.Contains(n)))
            foreach (var x in node.input_tensors)
                if (x._keras_history is var (op, node_index, tensor_index)) parts.Add($"{op.name}[{node_index}][{tensor_index}]");
        return parts.Count == 0 ? "-" : string.Join(", ", parts);
    }

    /// <summary>Keras's <c>format_layer_shape</c>: the output of the layer's last symbolic call, else its shape in the Sequential, else "?".</summary>
    private static string layer_output_shape(Layer layer)
    {
        if (layer.inbound_nodes.Count > 0)
        {
            var outputs = layer.inbound_nodes[^1].output_tensors;
            return outputs.Count == 1 ? ShapeText.format(outputs[0].shape) : $"[{string.Join(", ", outputs.Select(o => ShapeText.format(o.shape)))}]";
        }
        return layer.model_input_shape is { } input ? ShapeText.format(layer.compute_output_shape(input)) : "?";
    }

    private static string layer_params(Layer layer) => layer.built ? count_text(layer.count_params()) : "0 (unbuilt)";

    private static string count_text(long count) => count.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>Keras's <c>readable_memory_size</c>: bytes in B, KB, MB, ... with two decimals.</summary>
    private static string readable_memory_size(double size)
    {
        string[] units = ["B", "KB", "MB", "GB", "TB", "PB"];
        foreach (var unit in units)
        {
            if (size / 1024 < 1) return $"{size.ToString("F2", CultureInfo.InvariantCulture)} {unit}";
            size /= 1024;
        }
        return $"{size.ToString("F2", CultureInfo.InvariantCulture)} {units[^1]}";
    }

    /// <summary>The terminal width as Python's <c>shutil.get_terminal_size</c> finds it.</summary>
    private static int terminal_columns()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns > 0) return columns;
        try
        {
            if (!Console.IsOutputRedirected && Console.WindowWidth > 0) return Console.WindowWidth;
        }
        catch (IOException)
        {
        }
        return 80;
    }
}
