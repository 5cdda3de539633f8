using System.Globalization;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Tests.Web.Localization;

public sealed class UiTextsTests
{
    [Test]
    public void EveryKey_HasIndonesianAndEnglish()
    {
        var incomplete = UiTexts.Shipped.All
            .Where(kv => !kv.Value.TryGetValue("id", out var id) || string.IsNullOrWhiteSpace(id)
                         || !kv.Value.TryGetValue("en", out var en) || string.IsNullOrWhiteSpace(en))
            .Select(kv => kv.Key)
            .ToList();

        Assert.That(incomplete, Is.Empty);
    }

    [Test]
    public void Find_OtherCulture_FallsBackToIndonesian()
    {
        Assert.That(UiTexts.Shipped.Find("Nav.Home", CultureInfo.GetCultureInfo("fr-FR")), Is.EqualTo("Beranda"));
        Assert.That(UiTexts.Shipped.Find("Nav.Home", CultureInfo.GetCultureInfo("en-GB")), Is.EqualTo("Home"));
    }

    [Test]
    public void Localizer_FormatsArgumentsWithDecimalComma()
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("id-ID");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var localizer = new JsonStringLocalizer(new UiTexts(new Dictionary<string, Dictionary<string, string>>
            {
                ["Value"] = new() { ["id"] = "Nilai {0:N1}", ["en"] = "Value {0:N1}" },
            }));

            Assert.That(localizer["Value", 1234.5].Value, Is.EqualTo("Value 1.234,5"));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
