using KerasPort.Utils;

namespace KerasPort.Tests.Utils;

public class PythonFormatTests
{
    [TestCase(-0.1, "-0.1")]
    [TestCase(1.0, "1.0")]
    [TestCase(0.0, "0.0")]
    [TestCase(1e-5, "1e-05")]
    [TestCase(0.0001, "0.0001")]
    [TestCase(1e16, "1e+16")]
    [TestCase(1234567890123456.0, "1234567890123456.0")]
    [TestCase(0.009999999776482582, "0.009999999776482582")]
    [TestCase(2.5e-300, "2.5e-300")]
    [TestCase(double.NaN, "nan")]
    [TestCase(double.PositiveInfinity, "inf")]
    [TestCase(double.NegativeInfinity, "-inf")]
    public void Floats_print_as_python_repr(double value, string expected) =>
        Assert.That(PythonFormat.repr(value), Is.EqualTo(expected));

    [Test]
    public void Other_values_print_as_python_str()
    {
        Assert.That(PythonFormat.str(null), Is.EqualTo("None"));
        Assert.That(PythonFormat.str(true), Is.EqualTo("True"));
        Assert.That(PythonFormat.str("rows"), Is.EqualTo("rows"));
        Assert.That(PythonFormat.str(new List<object> { 0.1, "a", 3 }), Is.EqualTo("[0.1, 'a', 3]"));
    }
}
