using KerasPort.Losses;

namespace KerasPort.Tests.Losses;

public class LossResolverTests
{
    [TestCase("crossentropy", new long[] { 8, 1 }, new long[] { 8, 1 }, typeof(BinaryCrossentropy))]
    [TestCase("CE", new long[] { 8 }, new long[] { 8, 3 }, typeof(SparseCategoricalCrossentropy))]
    [TestCase("ce", new long[] { 8, 1 }, new long[] { 8, 3 }, typeof(SparseCategoricalCrossentropy))]
    [TestCase("Crossentropy", new long[] { 8, 3 }, new long[] { 8, 3 }, typeof(CategoricalCrossentropy))]
    public void Crossentropy_is_chosen_from_the_shapes_and_named_by_the_string(string id, long[] y_shape, long[] p_shape, Type type)
    {
        var loss = LossResolver.get(id, y_shape, p_shape);
        Assert.That(loss, Is.TypeOf(type));
        Assert.That(loss.name, Is.EqualTo(id));
    }

    [Test]
    public void Other_names_go_to_keras_losses_get()
    {
        Assert.That(LossResolver.get("mse", [8, 1], [8, 1]), Is.TypeOf<KerasPort.Losses.MeanSquaredError>());
        var ex = Assert.Throws<ArgumentException>(() => LossResolver.get("cross_entropy", [8, 1], [8, 1]))!;
        Assert.That(ex.Message, Does.StartWith("Could not interpret loss identifier: cross_entropy"));
    }
}
