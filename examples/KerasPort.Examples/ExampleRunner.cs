using System.Diagnostics;
using KerasPort.Examples.Data;
using KerasPort.Examples.Listings;
using KerasPort.Examples.Showdown;

namespace KerasPort.Examples;

/// <summary>Runs the article's listings and the overfitting showdown, writing results under one folder.</summary>
public sealed class ExampleRunner(string output_dir, TextWriter log)
{
    public static readonly (string name, string description)[] Commands =
    [
        ("manual", "Listing 1: PIL-style flips, rotation, resize, crop, padding and enhancers on cat.jpg"),
        ("datagen", "Listing 2: ImageDataGenerator with the article's settings, its loop's images into aug_imgs/"),
        ("dropout", "Listing 3: the Dropout model on Sonar, with summary()"),
        ("regularizers", "Listing 4: the same model with l1(0.01) and l2(0.001) kernel regularizers"),
        ("early-stopping", "Listing 5: EarlyStopping with the article's parameters, fit for up to 100 epochs"),
        ("showdown", "The overfitting showdown: tables, learning curves and contact sheets of ImageDataGenerator and of the augmentation layers"),
        ("distributed", "Data-parallel fit of the digits CNN over MPI: run it under `mpiexec -n 2` (README); alone, it is one process"),
    ];

    public string output_dir { get; } = output_dir;

    /// <summary>The seed each listing and the showdown start from, as a Keras user's <c>set_random_seed</c> at the top.</summary>
    public const long Seed = 1;

    public void Run(string command)
    {
        switch (command)
        {
            case "manual": manual(); break;
            case "datagen": datagen(); break;
            case "dropout": dropout(); break;
            case "regularizers": regularizers(); break;
            case "early-stopping": early_stopping(); break;
            case "showdown": showdown(); break;
            case "distributed": distributed(); break;
            default:
                throw new ArgumentException($"Unknown example '{command}'. Expected one of: {string.Join(", ", Commands.Select(c => c.name))}.", nameof(command));
        }
    }

    public IReadOnlyList<string> manual()
    {
        Header("Listing 1: manual augmentation with KerasPort.Imaging (PIL-style)");
        keras.utils.set_random_seed(Seed);
        var files = ManualAugmentation.Run(Datasets.CatJpg, Path.Combine(output_dir, "manual"));
        foreach (var f in files) log.WriteLine($"  wrote {f}");
        return files;
    }

    public IReadOnlyList<string> datagen()
    {
        Header("Listing 2: ImageDataGenerator, augmented images of cat.jpg");
        keras.utils.set_random_seed(Seed);
        var defaults = DataGeneratorAugmentation.every_parameter();
        log.WriteLine($"  every parameter at its default: zca_epsilon={defaults.zca_epsilon}, fill_mode={defaults.fill_mode}, data_format={defaults.data_format}");
        string dir = Path.Combine(output_dir, "aug_imgs");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        var files = DataGeneratorAugmentation.Run(Datasets.CatJpg, dir);
        log.WriteLine($"  wrote {files.Count} images into {dir}");
        return files;
    }

    public Models.Sequential dropout()
    {
        Header("Listing 3: Dropout");
        keras.utils.set_random_seed(Seed);
        return ArticleModels.compile_and_summarize(ArticleModels.create_dropout_model());
    }

    public Models.Sequential regularizers()
    {
        Header("Listing 4: L1 and L2 kernel regularizers");
        keras.utils.set_random_seed(Seed);
        return ArticleModels.compile_and_summarize(ArticleModels.create_model());
    }

    public void early_stopping()
    {
        Header("Listing 5: EarlyStopping");
        keras.utils.set_random_seed(Seed);
        var (x, y) = Datasets.Sonar();
        int n_train = (int)(x.shape[0] * 0.8);
        var model = ArticleModels.compile_and_summarize(ArticleModels.create_model());
        var (history, stopper) = EarlyStoppingListing.Run(model, x[..n_train], y[..n_train]);
        log.WriteLine($"  ran {history.epoch.Count} epochs; stopped_epoch={stopper.stopped_epoch}, best loss {stopper.best:F4} at epoch {stopper.best_epoch + 1}");
    }

    public void showdown(int sonar_epochs = 200, int digits_epochs = 60, int seed_count = 5)
    {
        Header("The overfitting showdown");
        keras.utils.set_random_seed(Seed);
        var clock = Stopwatch.StartNew();
        var seeds = Enumerable.Range(1, seed_count).Select(s => (long)s).ToList();
        void progress(string message) => log.WriteLine($"  {message}  ({clock.Elapsed.TotalSeconds:F0} s)");

        var (x, y) = Datasets.Sonar();
        var sonar = SonarShowdown.Run(x, y, seeds, sonar_epochs, progress);
        var (dx, dy) = Datasets.Digits();
        var digits = DigitsShowdown.Run(dx, dy, seeds, digits_epochs, progress: progress);

        log.WriteLine();
        log.WriteLine(ResultTable.Format($"Sonar, 60-60-30-1 network, {sonar_epochs} epochs max, mean of {seed_count} seeds", sonar));
        log.WriteLine(ResultTable.Format($"8x8 digits, small CNN on 300 training images, {digits_epochs} epochs, mean of {seed_count} seeds", digits));

        string plots = Path.Combine(output_dir, "plots");
        Directory.CreateDirectory(plots);
        log.WriteLine($"  wrote {LearningCurves.Plot("Sonar: loss and val_loss", sonar, Path.Combine(plots, "sonar_learning_curves.png"))}");
        log.WriteLine($"  wrote {LearningCurves.Plot("Digits CNN: loss and val_loss", digits, Path.Combine(plots, "digits_learning_curves.png"))}");

        string augmented = Path.Combine(output_dir, "aug_imgs");
        var images = Directory.Exists(augmented)
            ? Directory.GetFiles(augmented, "img_*.jpeg").OrderBy(f => f, StringComparer.Ordinal).ToList()
            : datagen();
        log.WriteLine($"  wrote {ContactSheet.Write(images.Take(25).ToList(), Path.Combine(plots, "aug_contact_sheet.png"))}");
        var layer_images = AugmentationLayersListing.Run(Datasets.CatJpg, Path.Combine(output_dir, "aug_layers"));
        log.WriteLine($"  wrote {ContactSheet.Write(layer_images, Path.Combine(plots, "aug_layers_contact_sheet.png"))}");
        log.WriteLine($"  showdown finished in {clock.Elapsed.TotalSeconds:F0} s");
    }

    public Callbacks.History distributed()
    {
        Header("Data-parallel training over MPI (keras.distribution)");
        keras.utils.set_random_seed(Seed);
        return DistributedListing.Run(log);
    }

    private void Header(string title)
    {
        log.WriteLine();
        log.WriteLine("== " + title);
    }
}
