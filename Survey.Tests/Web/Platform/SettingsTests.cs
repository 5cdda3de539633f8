using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Survey.Domain.Common;
using Survey.Web.Infrastructure;

namespace Survey.Tests.Web.Platform;

/// <summary>Settings are classes bound from configuration with defaults in appsettings.json, checked at start.</summary>
public sealed class SettingsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Test]
    public void Defaults_AreTheDocumentedOnes_AndAppSettingsRepeatsThem()
    {
        var appSettings = new ConfigurationBuilder().AddJsonFile(Path.Combine(TestContext.CurrentContext.TestDirectory, "appsettings.json")).Build();
        var services = new ServiceCollection();
        var fromFile = services.AddSettings<PlausibilitySettings>(appSettings, PlausibilitySettings.Section);
        var mail = services.AddSettings<MailSettings>(appSettings, MailSettings.Section);
        var evidence = services.AddSettings<EvidenceSettings>(appSettings, EvidenceSettings.Section);
        var scores = services.AddSettings<ScoreSettings>(appSettings, ScoreSettings.Section);
        var fresh = new PlausibilitySettings();
        Assert.Multiple(() =>
        {
            Assert.That((fromFile.RelativeChange, fromFile.MinimumRegions, fromFile.MadFactor), Is.EqualTo((fresh.RelativeChange, fresh.MinimumRegions, fresh.MadFactor)));
            Assert.That(appSettings["Survey:Plausibility:MadFactor"], Is.Not.Null, "the default is written in appsettings.json");
            Assert.That((mail.SmtpPort, mail.IntervalSeconds, mail.From), Is.EqualTo((25, 10d, "no-reply@smartcity.go.id")));
            Assert.That(evidence.MaxBytes, Is.EqualTo(10L * 1024 * 1024));
            Assert.That((scores.WarmUp, scores.ComparisonCacheSeconds), Is.EqualTo((true, 60)));
        });
    }

    [Test]
    public void AValueOutOfRange_StopsTheStart_WithOneSentenceNamingTheSetting()
    {
        var exception = Assert.Throws<StartupException>(() =>
            new ServiceCollection().AddSettings<PlausibilitySettings>(Configuration(("Survey:Plausibility:MinimumRegions", "1")), PlausibilitySettings.Section));
        Assert.That(exception!.Message, Is.EqualTo("Survey:Plausibility:MinimumRegions must be at least 2 (it is 1)."));
    }

    [Test]
    public void AValueThatIsNoNumber_StopsTheStart_NamingTheSetting()
    {
        var exception = Assert.Throws<StartupException>(() =>
            new ServiceCollection().AddSettings<MailSettings>(Configuration(("Survey:Mail:SmtpPort", "dua lima")), MailSettings.Section));
        Assert.That(exception!.Message, Does.Contain("Survey:Mail:SmtpPort"));
    }

    [Test]
    public void BoundSettings_ReachTheUseCases()
    {
        var services = new ServiceCollection();
        services.AddSettings<PlausibilitySettings>(Configuration(("Survey:Plausibility:RelativeChange", "0.25")), PlausibilitySettings.Section);
        using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetRequiredService<IOptions<PlausibilitySettings>>().Value.ToOptions().RelativeChange, Is.EqualTo(0.25m));
    }
}
