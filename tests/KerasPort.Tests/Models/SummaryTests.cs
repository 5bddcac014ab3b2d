using System.Text.Json;
using KerasPort.Layers;
using KerasPort.Models;
using KerasPort.Optimizers;

namespace KerasPort.Tests.Models;

/// <summary>
/// model.summary() against the texts Keras 3.15 printed (tests/fixtures/files/summaries): every
/// model, state and width, compared character for character.
/// </summary>
[NonParallelizable]
public sealed class SummaryTests
{
    private static string Dir => KerasFixtures.path("files", "summaries");

    public sealed record Case(string model, string state, string file, int line_length)
    {
        public override string ToString() => Path.GetFileNameWithoutExtension(file);
    }

    public static IEnumerable<Case> Cases()
    {
        var dir = KerasFixtures.path("files", "summaries");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summaries.json")));
        var widths = doc.RootElement.GetProperty("widths");
        foreach (var entry in doc.RootElement.GetProperty("summaries").EnumerateArray())
        {
            foreach (var w in new[] { "w80", "w100" })
            {
                yield return new Case(entry.GetProperty("model").GetString()!, entry.GetProperty("state").GetString()!,
                    entry.GetProperty("files").GetProperty(w).GetString()!, widths.GetProperty(w).GetProperty("keras_line_length").GetInt32());
            }
        }
    }

    internal static Sequential Build(string model)
    {
        keras.backend.clear_session();
        return model switch
        {
            "article" => new Sequential([
                keras.Input([60]),
                new Dense(60, activation: "relu", kernel_regularizer: keras.regularizers.l1(0.01)),
                new Dropout(0.2),
                new Dense(30, activation: "relu", kernel_regularizer: keras.regularizers.l2(0.001)),
                new Dropout(0.2),
                new Dense(1, activation: "sigmoid")]),
            "article_input_shape" => new Sequential([
                new Dense(60, input_shape: [60], activation: "relu", kernel_regularizer: keras.regularizers.l1(0.01)),
                new Dropout(0.2),
                new Dense(30, activation: "relu", kernel_regularizer: keras.regularizers.l2(0.001)),
                new Dropout(0.2),
                new Dense(1, activation: "sigmoid")]),
            "article_no_input" => new Sequential([
                new Dense(60, activation: "relu", kernel_regularizer: keras.regularizers.l1(0.01)),
                new Dropout(0.2),
                new Dense(30, activation: "relu", kernel_regularizer: keras.regularizers.l2(0.001)),
                new Dropout(0.2),
                new Dense(1, activation: "sigmoid")]),
            "cnn" => new Sequential([
                keras.Input([8, 8, 1]),
                new Conv2D(8, 3, activation: "relu"),
                new MaxPooling2D(2),
                new Flatten(),
                new Dense(10, activation: "softmax")]),
            _ => throw new ArgumentException($"unknown model {model}"),
        };
    }

    private static void Advance(Sequential model, string name, string state)
    {
        if (state is "built" or "unbuilt") return;
        bool cnn = name == "cnn";
        model.compile(optimizer: new Adam(), loss: cnn ? "categorical_crossentropy" : "binary_crossentropy", metrics: ["accuracy"]);
        if (state == "compiled") return;
        var generator = new torch.Generator(7);
        var x = cnn ? torch.rand([32, 8, 8, 1], generator: generator) : torch.rand([32, 60], generator: generator);
        var y = cnn
            ? torch.nn.functional.one_hot(torch.randint(0, 10, [32], generator: generator), 10).to_type(torch.ScalarType.Float32)
            : torch.randint(0, 2, [32, 1], generator: generator).to_type(torch.ScalarType.Float32);
        model.fit(x, y, batch_size: 16, epochs: 1, shuffle: false, verbose: 0);
    }

    [TestCaseSource(nameof(Cases))]
    public void Summary_matches_the_text_Keras_printed(Case c)
    {
        var model = Build(c.model);
        Advance(model, c.model, c.state);
        string expected = File.ReadAllText(Path.Combine(Dir, c.file));
        string? printed = null;
        model.summary(line_length: c.line_length, print_fn: s => printed = s);
        Assert.That(printed, Is.EqualTo(expected));
    }

    [Test]
    public void Summary_reads_the_width_from_COLUMNS_as_Keras()
    {
        var model = Build("article");
        string? before = Environment.GetEnvironmentVariable("COLUMNS");
        try
        {
            Environment.SetEnvironmentVariable("COLUMNS", "80");
            string? printed = null;
            model.summary(print_fn: s => printed = s);
            Assert.That(printed, Is.EqualTo(File.ReadAllText(Path.Combine(Dir, "article_built_w80.txt"))));
            Environment.SetEnvironmentVariable("COLUMNS", "100");
            model.summary(print_fn: s => printed = s);
            Assert.That(printed, Is.EqualTo(File.ReadAllText(Path.Combine(Dir, "article_built_w100.txt"))));
        }
        finally
        {
            Environment.SetEnvironmentVariable("COLUMNS", before);
        }
    }

    [Test]
    public void Long_cells_wrap_onto_more_lines_as_rich_wraps_them()
    {
        keras.backend.clear_session();
        var model = new Sequential([keras.Input([4]), new Dense(2, name: "a_rather_long_dense_layer_name")], name: "m");
        string? printed = null;
        model.summary(line_length: 76, print_fn: s => printed = s);
        var lines = printed!.Split('\n');
        Assert.That(lines[4], Is.EqualTo("│ a_rather_long_dense_layer_name  │ (None, 2)              │            10 │"));
        Assert.That(lines[5], Is.EqualTo("│ (Dense)                         │                        │               │"));
        Assert.That(lines.Where(l => l.Length > 0).All(l => l.Length <= 76), Is.True);
    }

    [Test]
    public void Summary_rejects_a_width_too_small_for_the_columns()
    {
        var model = Build("article");
        Assert.Throws<ArgumentException>(() => model.summary(line_length: 10, print_fn: _ => { }));
    }
}
