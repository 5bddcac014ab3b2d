using System.IO.Compression;
using System.Text.RegularExpressions;
using KerasPort.Models;
using KerasPort.Saving;
using KerasPort.Tests.Layers;
using KerasPort.Tests.TestSupport;
using KerasPort.Utils;

namespace KerasPort.Tests.Saving;

/// <summary>
/// The four whole models Keras 3.15.1 trained and saved (fixtures/models, from the shared
/// keras-reference/models; index.json lists them): a Sequential CNN, a Functional residual
/// network, a Sequential with a nested augmentation Sequential and a two-input Functional model.
/// Each loads with <c>keras.models.load_model</c> and predicts what Keras predicted (1e-5), prints
/// Keras's summary, serializes back to Keras's config.json (the Python id of the shared dtype
/// policy aside) and saves its weights in Keras's HDF5 layout (the same groups and shapes).
/// </summary>
[NonParallelizable]
public sealed class KerasReferenceModelsTests : TempDirectoryTest
{
    private static readonly string[] Models = ["cnn", "residual", "augmented", "two_inputs"];

    private static string Fixture(string file) => KerasFixtures.path("models", file);

    // The residual model's probe and summary live with its layer tests.
    private static string Recorded(string model, string ext) =>
        model == "residual" ? KerasFixtures.path("layers", "keras_models", "residual" + ext) : Fixture(model + ext);

    private static string Member(string archive, string name)
    {
        using var zip = ZipFile.OpenRead(archive);
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    // Keras writes the Python id() of the dtype policy its layers share; only its presence matters.
    private static string WithoutObjectIds(string json) => Regex.Replace(json, "\"shared_object_id\": \\d+", "\"shared_object_id\": ID");

    [TestCaseSource(nameof(Models))]
    public void load_model_predicts_what_Keras_predicted(string name)
    {
        keras.backend.clear_session();
        using var model = keras.models.load_model(Fixture(name + ".keras"));
        var arrays = Npy.load_npz(Recorded(name, ".npz"));
        using var predicted = name == "two_inputs" ? model.predict(new[] { arrays["probe_0"], arrays["probe_1"] }) : model.predict(arrays["probe"]);
        Assert.That((predicted - arrays["predict"]).abs().max().item<float>(), Is.LessThanOrEqualTo(1e-5f));
        Assert.That(model.compiled, Is.True);
        if (name != "two_inputs")
            Assert.That(model.summary_text(line_length: 76), Is.EqualTo(File.ReadAllText(Recorded(name, ".summary.txt")).TrimEnd('\n') + "\n"));
    }

    [TestCaseSource(nameof(Models))]
    public void The_loaded_model_serializes_to_Keras_config(string name)
    {
        keras.backend.clear_session();
        using var model = keras.models.load_model(Fixture(name + ".keras"));
        var serialized = Serialization.serialize_keras_object(model);
        Serialization.mark_shared_objects(serialized);
        Assert.That(WithoutObjectIds(KerasJson.dumps(serialized)), Is.EqualTo(WithoutObjectIds(Member(Fixture(name + ".keras"), "config.json"))));
    }

    [TestCaseSource(nameof(Models))]
    public void save_writes_the_weights_in_Keras_layout(string name)
    {
        keras.backend.clear_session();
        using var model = keras.models.load_model(Fixture(name + ".keras"));
        string path = Path.Combine(dir, name + ".keras");
        model.save(path);
        using var ours = new ZipArchive(File.OpenRead(path));
        using var theirs = new ZipArchive(File.OpenRead(Fixture(name + ".keras")));
        var ours_entries = Layout(ours);
        var theirs_entries = Layout(theirs);
        Assert.That(ours_entries, Is.EqualTo(theirs_entries));

        keras.backend.clear_session();
        using var again = keras.models.load_model(path);
        var a = model.get_weights();
        var b = again.get_weights();
        Assert.That(b, Has.Length.EqualTo(a.Length));
        for (int i = 0; i < a.Length; i++) Assert.That(a[i].same_as(b[i]), Is.True, $"weight {i}");
        var oa = model.optimizer!.variables;
        var ob = again.optimizer!.variables;
        for (int i = 0; i < oa.Count; i++) Assert.That(oa[i].same_as(ob[i]), Is.True, $"optimizer variable {i}");
    }

    /// <summary>Every vars group of the weights member: path, name attribute, variable shapes.</summary>
    private static List<string> Layout(ZipArchive zip)
    {
        using var stream = new MemoryStream();
        using (var member = zip.GetEntry("model.weights.h5")!.Open()) member.CopyTo(stream);
        string file = Path.Combine(Path.GetTempPath(), $"kp-layout-{Guid.NewGuid():N}.weights.h5");
        File.WriteAllBytes(file, stream.ToArray());
        try
        {
            var entries = WeightsFile.read(file);
            var result = entries.Select(e => $"{e.path} {e.name} [{string.Join("; ", e.variables.Select(v => string.Join("x", v.shape) + ":" + v.dtype))}]").ToList();
            foreach (var e in entries) foreach (var v in e.variables) v.Dispose();
            return result;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
