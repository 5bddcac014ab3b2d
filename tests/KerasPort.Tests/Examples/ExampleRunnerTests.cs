using KerasPort.Examples;
using KerasPort.Examples.Data;
using KerasPort.Examples.Listings;
using KerasPort.Imaging;

namespace KerasPort.Tests.Examples;

/// <summary>Each listing's code path on small data, with its outputs checked.</summary>
[NonParallelizable]
public class ExampleRunnerTests
{
    private string _output = "";
    private StringWriter _log = new();
    private ExampleRunner _runner = null!;

    [SetUp]
    public void SetUp()
    {
        _output = Path.Combine(Path.GetTempPath(), "kp-examples-" + Guid.NewGuid());
        _log = new StringWriter();
        _runner = new ExampleRunner(_output, _log);
    }

    [TearDown]
    public void TearDown()
    {
        _log.Dispose();
        if (Directory.Exists(_output)) Directory.Delete(_output, recursive: true);
    }

    [Test]
    public void Manual_listing_writes_every_edit_with_the_expected_size()
    {
        var files = _runner.manual();
        Assert.That(files.Select(Path.GetFileName), Is.EquivalentTo(new[]
        {
            "flip.jpg", "rotate_90.jpg", "resize_400x400.jpg", "crop.jpg", "pad.jpg",
            "brightness_1.5.jpg", "brightness_0.5.jpg", "contrast_1.5.jpg", "contrast_0.5.jpg", "sharpness_5.jpg",
        }));
        var cat = Image.open(Datasets.CatJpg);
        Assert.That(Image.open(files.Single(f => f.EndsWith("rotate_90.jpg"))).size, Is.EqualTo((cat.height, cat.width)));
        Assert.That(Image.open(files.Single(f => f.EndsWith("resize_400x400.jpg"))).size, Is.EqualTo((400, 400)));
        Assert.That(Image.open(files.Single(f => f.EndsWith("crop.jpg"))).size, Is.EqualTo((300, 150)));
        Assert.That(Image.open(files.Single(f => f.EndsWith("pad.jpg"))).size, Is.EqualTo((cat.width + 40, cat.height + 40)));
    }

    [Test]
    public void Datagen_listing_saves_the_article_loop_jpegs_of_the_cat_size()
    {
        var files = _runner.datagen();
        // The article's loop breaks when i > 25, after the 26th batch was made and saved: Keras writes 26 files too.
        Assert.That(files, Has.Count.EqualTo(26));
        Assert.That(files.Select(Path.GetFileName), Has.All.Match(@"^img_0_\d+\.jpeg$"));
        var cat = Image.open(Datasets.CatJpg);
        Assert.That(files.Select(f => Image.open(f).size), Has.All.EqualTo(cat.size));
        Assert.That(_log.ToString(), Does.Contain("zca_epsilon=1E-06"));
    }

    [Test]
    public void Datagen_listing_is_reproducible_run_to_run()
    {
        // The listing starts with keras.utils.set_random_seed, as a Keras user's program would.
        var first = _runner.datagen().Select(File.ReadAllBytes).ToList();
        var again = _runner.datagen().Select(File.ReadAllBytes).ToList();
        Assert.That(again, Is.EqualTo(first));
    }

    [Test]
    public void Model_listings_build_the_article_network_and_print_its_summary()
    {
        var originalOut = Console.Out;
        var printed = new StringWriter();
        Console.SetOut(printed);
        try
        {
            var dropout = _runner.dropout();
            var regularized = _runner.regularizers();
            Assert.That(dropout.count_params(), Is.EqualTo(60 * 60 + 60 + 60 * 30 + 30 + 30 + 1));
            Assert.That(regularized.count_params(), Is.EqualTo(dropout.count_params()));
            Assert.That(regularized.losses, Has.Count.EqualTo(2));
        }
        finally
        {
            Console.SetOut(originalOut);
        }
        Assert.That(printed.ToString(), Does.Contain("Total params: 5,521"));
    }

    [Test]
    public void Early_stopping_listing_stops_and_restores_the_best_weights()
    {
        keras.utils.set_random_seed(3);
        var (x, y) = Datasets.Sonar();
        var model = ArticleModels.create_model();
        model.compile(loss: "binary_crossentropy", optimizer: new KerasPort.Optimizers.Adam(), metrics: ["accuracy"]);
        var (history, stopper) = EarlyStoppingListing.Run(model, x[..166], y[..166], epochs: 100, verbose: 0);

        Assert.That(stopper.stopped_epoch, Is.GreaterThan(0), "the article's patience of 2 stops well before 100 epochs");
        Assert.That(history.epoch, Has.Count.EqualTo(stopper.stopped_epoch + 1));
        var losses = history.history["loss"];
        Assert.That(stopper.best, Is.EqualTo(losses.Min()).Within(1e-6));
        Assert.That(stopper.best_epoch, Is.EqualTo(losses.IndexOf(losses.Min())));
    }

    [Test]
    public void Augmentation_layers_listing_augments_each_copy_and_repeats_for_the_same_seed()
    {
        keras.utils.set_random_seed(ExampleRunner.Seed);
        var first = AugmentationLayersListing.Run(Datasets.CatJpg, Path.Combine(_output, "first"), count: 4);
        keras.utils.set_random_seed(ExampleRunner.Seed);
        var second = AugmentationLayersListing.Run(Datasets.CatJpg, Path.Combine(_output, "second"), count: 4);

        Assert.That(first, Has.Count.EqualTo(4));
        var cat = Image.open(Datasets.CatJpg);
        for (int i = 0; i < first.Count; i++)
        {
            Assert.That(Image.open(first[i]).size, Is.EqualTo(cat.size), "the layers keep the image's size");
            Assert.That(File.ReadAllBytes(second[i]), Is.EqualTo(File.ReadAllBytes(first[i])), "same seed, same augmentation");
        }
        Assert.That(File.ReadAllBytes(first[1]), Is.Not.EqualTo(File.ReadAllBytes(first[0])), "each copy gets its own transformation");
    }

    [Test]
    public void Showdown_writes_tables_curves_and_contact_sheet()
    {
        _runner.showdown(sonar_epochs: 4, digits_epochs: 2, seed_count: 1);
        string log = _log.ToString();
        Assert.That(log, Does.Contain("baseline").And.Contain("all_three").And.Contain("augmented").And.Contain("augmentation_layers"));
        foreach (string plot in new[] { "sonar_learning_curves.png", "digits_learning_curves.png", "aug_contact_sheet.png", "aug_layers_contact_sheet.png" })
        {
            string path = Path.Combine(_output, "plots", plot);
            Assert.That(File.Exists(path), Is.True, plot);
            Assert.That(Image.open(path).width, Is.GreaterThan(300));
        }
    }
}
