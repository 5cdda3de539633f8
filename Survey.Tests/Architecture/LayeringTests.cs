using System.Reflection;
using System.Text.RegularExpressions;

namespace Survey.Tests.Architecture;

/// <summary>
/// The house rules of docs/architecture.md, checked on the code: the core references no data access and no web
/// framework, Survey.Web holds no SQL and no Survey.Data type outside its composition root, and the page and API
/// twins of a capability call the same use-case handler.
/// </summary>
public sealed partial class LayeringTests
{
    /// <summary>The files that wire the app together (services, start, commands); only they may name Survey.Data.</summary>
    private static readonly string[] CompositionRoot =
    [
        "Program.cs",
        "Infrastructure/ServiceRegistration.cs",
        "Infrastructure/Authorization.cs",
        "Infrastructure/Pipeline.cs",
        "Infrastructure/DatabaseStartup.cs",
        "Infrastructure/AppCommands.cs",
        "Infrastructure/DataCommands.cs",
        "Infrastructure/DemoData.cs",
    ];

    private static string WebFolder()
    {
        var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Survey.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new DirectoryNotFoundException("Survey.sln not found above the test folder"), "Survey.Web");
    }

    private static IEnumerable<(string Path, string Text)> WebSources()
    {
        var web = WebFolder();
        return Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(Path.Combine(web, f))));
    }

    [GeneratedRegex(@"\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b")]
    private static partial Regex Sql();

    [Test]
    public void SurveyWeb_HoldsNoSql()
    {
        var offenders = WebSources().Where(s => Sql().IsMatch(s.Text)).Select(s => s.Path).ToList();
        Assert.That(offenders, Is.Empty, "SQL belongs in Survey.Data behind a repository interface");
    }

    [Test]
    public void SurveyWeb_NamesSurveyDataOnlyInItsCompositionRoot()
    {
        var offenders = WebSources()
            .Where(s => !CompositionRoot.Contains(s.Path) && s.Text.Contains("Survey.Data", StringComparison.Ordinal))
            .Select(s => s.Path).ToList();
        Assert.That(offenders, Is.Empty, "features use the interfaces of Survey.Domain; only the composition root names the implementations");
    }

    [Test]
    public void TheCore_ReferencesNoDataAccessAndNoWebFramework()
    {
        var references = typeof(Survey.Domain.Common.Scope).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.That(references.Where(n => n.StartsWith("Npgsql", StringComparison.Ordinal) || n.StartsWith("Dapper", StringComparison.Ordinal)
            || n.StartsWith("Survey.Data", StringComparison.Ordinal) || n.StartsWith("Survey.Web", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)), Is.Empty);
    }

    [TestCase(typeof(Survey.Web.Features.Entry.EntryController), typeof(Survey.Web.Features.Entry.EntryApiController), typeof(Survey.Domain.UseCases.SaveValuesHandler))]
    [TestCase(typeof(Survey.Web.Features.Entry.SubmitController), typeof(Survey.Web.Features.Entry.EntryApiController), typeof(Survey.Domain.UseCases.SubmitHandler))]
    [TestCase(typeof(Survey.Web.Features.Exports.ImportController), typeof(Survey.Web.Features.Entry.EntryApiController), typeof(Survey.Domain.UseCases.SaveValuesHandler))]
    [TestCase(typeof(Survey.Web.Features.Programmes.ProgrammesController), typeof(Survey.Web.Features.Programmes.ProgrammesApiController), typeof(Survey.Domain.UseCases.SaveProgrammesHandler))]
    [TestCase(typeof(Survey.Web.Features.Programmes.ProgrammesController), typeof(Survey.Web.Features.Programmes.ProgrammesApiController), typeof(Survey.Domain.UseCases.CarryOverHandler))]
    [TestCase(typeof(Survey.Web.Features.Reviews.ReviewsController), typeof(Survey.Web.Features.Reviews.ReviewsApiController), typeof(Survey.Domain.UseCases.ReviewHandler))]
    [TestCase(typeof(Survey.Web.Features.Surveys.SurveysController), typeof(Survey.Web.Features.Surveys.SurveysApiController), typeof(Survey.Domain.UseCases.InvitationsHandler))]
    [TestCase(typeof(Survey.Web.Features.Respond.RespondController), typeof(Survey.Web.Features.Surveys.SurveysApiController), typeof(Survey.Domain.UseCases.CompleteResponseHandler))]
    [TestCase(typeof(Survey.Web.Features.Periods.PeriodsController), typeof(Survey.Web.Features.Periods.PeriodsApiController), typeof(Survey.Domain.UseCases.PeriodsHandler))]
    [TestCase(typeof(Survey.Web.Features.Scores.ScoresController), typeof(Survey.Web.Features.Scores.ScoresApiController), typeof(Survey.Domain.UseCases.ScoreReader))]
    [TestCase(typeof(Survey.Web.Features.Units.UnitsController), typeof(Survey.Web.Features.Units.UnitsApiController), typeof(Survey.Domain.UseCases.UnitsHandler))]
    [TestCase(typeof(Survey.Web.Features.Units.ConsolidationController), typeof(Survey.Web.Features.Units.ConsolidationApiController), typeof(Survey.Domain.UseCases.ConsolidationHandler))]
    public void PageAndApi_CallTheSameHandler(Type page, Type api, Type handler)
    {
        static IEnumerable<Type> Dependencies(Type controller) =>
            controller.GetConstructors(BindingFlags.Public | BindingFlags.Instance).SelectMany(c => c.GetParameters()).Select(p => p.ParameterType);

        Assert.Multiple(() =>
        {
            Assert.That(Dependencies(page), Does.Contain(handler), $"{page.Name} uses {handler.Name}");
            Assert.That(Dependencies(api), Does.Contain(handler), $"{api.Name} uses {handler.Name}");
        });
    }
}
