using System.Globalization;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Tests.Web.Localization;

public sealed class UiTextsTests
{
    [Test]
    public void EveryTextAViewOrControllerAsksFor_Exists()
    {
        // A literal key asked for in a view (T["..."]), a controller (text["..."]) or a workbook (UiText.Get("...")) that
        // strings.json lacks would show the key itself on screen or in a sheet.
        var root = Path.Combine(Survey.Tests.Support.RepositoryPaths.Root, "Survey.Web");
        var asked = new[] { "Features", "Infrastructure" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "(?:(?:\\bT|\\btext)\\[|UiText\\.Get\\()\"([A-Za-z0-9_.]+)\"[\\],)]").Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .Where(k => !UiTexts.Shipped.All.ContainsKey(k.Key))
            .Select(k => $"{k.File}: {k.Key}")
            .Distinct()
            .ToList();

        Assert.That(asked, Is.Empty);
    }

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
