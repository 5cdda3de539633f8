using System.Globalization;
using Survey.Data.Catalogue;
using Survey.Domain.Catalogue;
using Survey.Domain.Submissions;
using Survey.Tests.Support;

namespace Survey.Tests.Domain.Submissions;

public sealed class IndicatorEntryValidatorTests
{
    private static readonly IndicatorCatalogue Catalogue = IndicatorFiles.Load(RepositoryPaths.Indicators).Catalogue;

    private static IndicatorEntry Entry(string key, decimal? value = null, decimal? numerator = null, decimal? denominator = null, string? reason = null, string? source = "Diskominfo", int? year = 2025) =>
        new(key, value, numerator, denominator, reason, source, null, year, null, null);

    private static Dictionary<string, string[]> Errors(IndicatorEntry entry, string culture = "id-ID", bool draft = false)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            var result = new IndicatorEntryValidator(Catalogue.Find(entry.Key)!, 2026, draft).Validate(entry);
            return result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Test]
    public void Percentage_Above100_IsRejectedInBothLanguages()
    {
        var entry = Entry("37122:16.1", value: 120);

        Assert.That(Errors(entry)["value"], Is.EqualTo(new[] { "Persentase harus antara 0 dan 100 (tertulis 120)." }));
        Assert.That(Errors(entry, "en")["value"], Is.EqualTo(new[] { "A percentage must lie between 0 and 100 (entered 120)." }));
    }

    [Test]
    public void NegativeCount_IsRejected() =>
        Assert.That(Errors(Entry("37122:10.1", value: -1))["value"], Is.EqualTo(new[] { "Nilai tidak boleh negatif." }));

    [Test]
    public void DenominatorZero_AndNumeratorAboveDenominatorForShare_AreRejected()
    {
        Assert.That(Errors(Entry("37122:16.1", numerator: 1, denominator: 0))["denominator"], Does.Contain("Penyebut harus lebih besar dari 0."));
        Assert.That(Errors(Entry("37122:16.1", numerator: 11, denominator: 10))["numerator"], Does.Contain("Untuk persentase, pembilang tidak boleh lebih besar dari penyebut."));
        Assert.That(Errors(Entry("37122:16.1", numerator: 5, denominator: null))["denominator"], Is.EqualTo(new[] { "Isi pembilang dan penyebut bersama-sama." }));
    }

    [Test]
    public void ReportedValue_NeedsASource_AndAPlausibleYear()
    {
        var errors = Errors(Entry("37122:16.1", value: 50, source: null, year: 1980), "en");

        Assert.That(errors["source"], Is.EqualTo(new[] { "The data source (agency) is required for a reported value." }));
        Assert.That(errors["source_year"], Is.EqualTo(new[] { "The year of the data must lie between 1990 and 2027." }));
    }

    [Test]
    public void InADraft_AValueMayWaitForItsSource_ButNotForAPlausibleYear()
    {
        var errors = Errors(Entry("37122:16.1", value: 50, source: null, year: 1980), "id-ID", draft: true);

        Assert.That(errors, Does.Not.ContainKey("source"));
        Assert.That(errors["source_year"], Is.EqualTo(new[] { "Tahun data harus antara 1990 dan 2027." }));
    }

    [Test]
    public void NotAvailable_WithAValue_IsRejected_WithAReasonAlone_IsValid()
    {
        Assert.That(Errors(Entry("37122:16.1", value: 5, reason: "Belum ada survei")), Does.ContainKey("value"));
        Assert.That(Errors(Entry("37122:16.1", reason: "Belum ada survei", source: null)), Is.Empty);
    }

    [Test]
    public void LongTextAndControlCharacters_AreRejected()
    {
        var errors = Errors(Entry("37122:16.1", value: 5) with { Note = new string('x', 2001), SourceDocument = "laporan\u0000.pdf" });

        Assert.That(errors["note"], Is.EqualTo(new[] { "Catatan paling banyak 2000 karakter." }));
        Assert.That(errors["source_document"], Is.EqualTo(new[] { "Dokumen sumber memuat karakter yang tidak diizinkan." }));
    }

    [Test]
    public void Blank_IsValidInADraft() => Assert.That(Errors(Entry("37122:16.1", source: null, year: null)), Is.Empty);

    [TestCase("37122:16.1", 25, 200, 12.5)]
    [TestCase("37122:10.1", 1500, 1_200_000, 125)]
    [TestCase("37122:6.2", 300, 1500, 200)]
    [TestCase("37122:21.3", 420, 30, 14)]
    public void EffectiveValue_FromNumeratorAndDenominator_UsesTheFactor(string key, double numerator, double denominator, double expected)
    {
        var indicator = Catalogue.Find(key)!;
        var entry = Entry(key, numerator: (decimal)numerator, denominator: (decimal)denominator);

        Assert.That(entry.Normalized(indicator).Value, Is.EqualTo((decimal)expected));
        Assert.That(Errors(entry), Is.Empty);
    }
}
