using KerasPort;

namespace KerasPort.Tests.Utils;

public class NumericalUtilsTests
{
    [Test]
    public void To_categorical_makes_one_hot_rows()
    {
        using var a = keras.utils.to_categorical([0, 1, 2, 3], num_classes: 4);
        Assert.That(a.dtype, Is.EqualTo(ScalarType.Float32));
        Assert.That(a.shape, Is.EqualTo(new long[] { 4, 4 }));
        using var eye = torch.eye(4);
        Assert.That(a.eq(eye).all().item<bool>(), Is.True);
    }

    [Test]
    public void To_categorical_infers_the_class_count_and_drops_a_trailing_axis_of_one()
    {
        using var y = torch.tensor(new int[,] { { 2 }, { 0 }, { 2 } });
        using var c = keras.utils.to_categorical(y);
        Assert.That(c.shape, Is.EqualTo(new long[] { 3, 3 }));
        Assert.That(c.data<float>().ToArray(), Is.EqualTo(new float[] { 0, 0, 1, 1, 0, 0, 0, 0, 1 }));
        using var grid = torch.tensor(new float[,] { { 1, 0 }, { 0, 1 } });
        using var g = keras.utils.to_categorical(grid, num_classes: 3);
        Assert.That(g.shape, Is.EqualTo(new long[] { 2, 2, 3 }));
        Assert.That(g[0, 0].data<float>().ToArray(), Is.EqualTo(new float[] { 0, 1, 0 }));
    }

    [Test]
    public void To_categorical_refuses_bad_labels()
    {
        var ex = Assert.Throws<ArgumentException>(() => keras.utils.to_categorical([0, 4], num_classes: 3))!;
        Assert.That(ex.Message, Does.Contain("Expected class indices between 0 and 2"));
        Assert.That(ex.ParamName, Is.EqualTo("y"));
        Assert.Throws<ArgumentException>(() => keras.utils.to_categorical([-1, 1]));
        Assert.Throws<ArgumentException>(() => keras.utils.to_categorical(torch.tensor(new float[] { 0.5f })));
    }

    [Test]
    public void Normalize_divides_by_the_norm_and_keeps_zero_rows()
    {
        using var x = torch.tensor(new float[,] { { 3, 4 }, { 0, 0 } });
        using var n = keras.utils.normalize(x);
        Assert.That(n.data<float>().ToArray(), Is.EqualTo(new float[] { 0.6f, 0.8f, 0, 0 }).Within(1e-7));
        using var l1 = keras.utils.normalize(x, axis: 1, order: 1);
        Assert.That(l1.data<float>().ToArray(), Is.EqualTo(new float[] { 3f / 7, 4f / 7, 0, 0 }).Within(1e-7));
        Assert.Throws<ArgumentException>(() => keras.utils.normalize(x, order: 0));
    }
}
