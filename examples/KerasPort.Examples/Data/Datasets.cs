using System.Globalization;
using System.IO.Compression;
using KerasPort.Utils;
using TorchSharp;
using static TorchSharp.torch;

namespace KerasPort.Examples.Data;

/// <summary>The example data sets shipped in Data/ (see Data/README.md for their origins and licences).</summary>
public static class Datasets
{
    /// <summary>Folder of the shipped data files, next to the program.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Data");

    /// <summary>The cat photo the article augments.</summary>
    public static string CatJpg => Path.Combine(Folder, "cat.jpg");

    /// <summary>
    /// Sonar (208 x 60, mine = 1, rock = 0). The file is sorted by class, and Keras's
    /// validation_split takes the last rows, so the rows are shuffled once with a fixed seed,
    /// as the article's readers shuffle before fitting.
    /// </summary>
    public static (Tensor x, Tensor y) Sonar(long shuffle_seed = 7)
    {
        var rows = File.ReadAllLines(Path.Combine(Folder, "sonar.csv")).Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .ToArray();
        var features = new float[rows.Length * 60];
        var labels = new float[rows.Length];
        for (int r = 0; r < rows.Length; r++)
        {
            for (int c = 0; c < 60; c++) features[r * 60 + c] = float.Parse(rows[r][c], CultureInfo.InvariantCulture);
            labels[r] = rows[r][60].Trim('"') == "M" ? 1f : 0f;
        }
        return Shuffled(tensor(features).reshape(rows.Length, 60), tensor(labels).reshape(rows.Length, 1), shuffle_seed);
    }

    /// <summary>The 8x8 digits as [N, 8, 8, 1] grey levels 0..16 and integer labels [N].</summary>
    public static (Tensor x, Tensor y) Digits(long shuffle_seed = 7)
    {
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(Folder, "digits.csv.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var pixels = new List<float>();
        var labels = new List<long>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            for (int i = 0; i < 64; i++) pixels.Add(float.Parse(fields[i], CultureInfo.InvariantCulture));
            labels.Add(long.Parse(fields[64], CultureInfo.InvariantCulture));
        }
        return Shuffled(tensor(pixels.ToArray()).reshape(labels.Count, 8, 8, 1), tensor(labels.ToArray()), shuffle_seed);
    }

    private static (Tensor x, Tensor y) Shuffled(Tensor x, Tensor y, long seed)
    {
        var order = tensor(new RandomState(seed).permutation((int)x.shape[0]).Select(i => (long)i).ToArray());
        return (x.index_select(0, order), y.index_select(0, order));
    }
}
