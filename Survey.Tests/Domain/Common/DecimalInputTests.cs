using Survey.Domain.Common;

namespace Survey.Tests.Domain.Common;

public sealed class DecimalInputTests
{
    [TestCase("12,5", 12.5)]
    [TestCase("12.5", 12.5)]
    [TestCase("1.234,5", 1234.5)]
    [TestCase("1,234.5", 1234.5)]
    [TestCase("1.234", 1234)]
    [TestCase("1.234.567", 1234567)]
    [TestCase("1234.5", 1234.5)]
    [TestCase("0,05", 0.05)]
    [TestCase(" 42 ", 42)]
    [TestCase("-3,75", -3.75)]
    [TestCase("100", 100)]
    public void TryParse_IdAndInvariantForms_Accepted(string text, double expected)
    {
        Assert.That(DecimalInput.TryParse(text, out var value), Is.True);
        Assert.That(value, Is.EqualTo((decimal)expected));
    }

    [TestCase("")]
    [TestCase("abc")]
    [TestCase("12,5,3")]
    [TestCase("1.23.4")]
    [TestCase("NaN")]
    [TestCase("Infinity")]
    [TestCase("1e5")]
    [TestCase("12,5%")]
    [TestCase("1.2345,6")]
    [TestCase("; DROP TABLE region; --")]
    public void TryParse_NotANumber_Rejected(string text) => Assert.That(DecimalInput.TryParse(text, out _), Is.False);
}
