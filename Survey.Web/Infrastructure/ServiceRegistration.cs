using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Localization;
using Npgsql;
using Survey.Data.Catalogue;
using Survey.Data.Database;
using Survey.Data.Regions;
using Survey.Domain.Catalogue;
using Survey.Domain.Platform;
using Survey.Domain.Regions;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Web.Infrastructure;

/// <summary>Everything the app registers, in one place.</summary>
public static class ServiceRegistration
{
    /// <summary>The culture of numbers and dates, whatever the UI language (decimal comma).</summary>
    public static readonly CultureInfo FormatCulture = CultureInfo.GetCultureInfo("id-ID");

    public static readonly CultureInfo[] UiCultures = [CultureInfo.GetCultureInfo("id-ID"), CultureInfo.GetCultureInfo("en")];

    public static WebApplicationBuilder AddSurveyServices(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // Every setting is a class bound from configuration, its defaults in appsettings.json, checked here.
        services.AddSettings<Survey.Domain.Common.PlausibilitySettings>(builder.Configuration, Survey.Domain.Common.PlausibilitySettings.Section);
        services.AddSettings<Survey.Domain.Common.ScoreSettings>(builder.Configuration, Survey.Domain.Common.ScoreSettings.Section);
        services.AddSettings<EvidenceSettings>(builder.Configuration, EvidenceSettings.Section);
        services.AddSettings<MailSettings>(builder.Configuration, MailSettings.Section);
        services.AddSettings<StartupSettings>(builder.Configuration, StartupSettings.Section);
        services.AddSettings<BenchmarkSettings>(builder.Configuration, BenchmarkSettings.Section);

        services.AddSingleton(sp =>
        {
            var connectionString = builder.Configuration.GetConnectionString("Survey") ?? string.Empty;
            var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
            dataSourceBuilder.ConnectionStringBuilder.ApplicationName ??= "survey-web";
            // Unless the connection string says otherwise, one instance holds at most 40 connections (PostgreSQL
            // allows 100 by default): under a burst, requests wait briefly for a pooled connection instead of
            // the server refusing new ones to everybody, and several instances fit on one server.
            if (!connectionString.Contains("pool size", StringComparison.OrdinalIgnoreCase))
            {
                dataSourceBuilder.ConnectionStringBuilder.MaxPoolSize = 40;
            }

            // The same few statements run again and again (a respondent's submission, a page's reads): each
            // connection prepares the ones used most, so PostgreSQL parses and plans them once, not per call.
            if (!connectionString.Contains("auto prepare", StringComparison.OrdinalIgnoreCase))
            {
                dataSourceBuilder.ConnectionStringBuilder.MaxAutoPrepare = 64;
            }

            // A page takes a pooled connection for each of its reads; the app keeps no session state (no SET,
            // temporary tables, session advisory locks or LISTEN), so a returned connection needs no reset
            // round of statements before its next use. Open transactions are still rolled back on return.
            if (!connectionString.Contains("reset on close", StringComparison.OrdinalIgnoreCase))
            {
                dataSourceBuilder.ConnectionStringBuilder.NoResetOnClose = true;
            }
            return dataSourceBuilder.Build();
        });
        services.AddSingleton<IStatusRepository, StatusRepository>();
        services.AddSingleton<ICatalogueRepository, CatalogueRepository>();
        services.AddSingleton<Survey.Domain.Risks.IRiskCriteriaRepository, Survey.Data.Risks.RiskCriteriaRepository>();
        services.AddSingleton<Survey.Domain.Risks.IRiskMonitoringRepository, Survey.Data.Risks.RiskMonitoringRepository>();
        services.AddScoped<Survey.Domain.UseCases.MonitoringHandler>();
        services.AddSingleton<Survey.Domain.Risks.INationalRiskRepository, Survey.Data.Risks.NationalRiskRepository>();
        services.AddSingleton<Survey.Domain.Obstacles.IObstacleRepository, Survey.Data.Obstacles.ObstacleRepository>();
        services.AddSingleton<Survey.Domain.Obstacles.INationalObstacleRepository, Survey.Data.Obstacles.NationalObstacleRepository>();
        services.AddSingleton<Survey.Domain.Recommendations.IRecommendationRepository, Survey.Data.Recommendations.RecommendationRepository>();
        services.AddSingleton<Survey.Domain.Reports.IEvaluationReportRepository, Survey.Data.Reports.EvaluationReportRepository>();
        services.AddScoped<Survey.Web.Features.Reports.EvaluationReportBuilder>();
        services.AddSingleton<IRegionRepository, RegionRepository>();
        services.AddSingleton<PlatformState>();
        services.AddSingleton<Survey.Domain.Periods.IPeriodRepository, Survey.Data.Periods.PeriodRepository>();
        services.AddSingleton<IValidator<Survey.Domain.Periods.NewPeriod>, Survey.Domain.Periods.NewPeriodValidator>();
        services.AddScoped<Survey.Domain.UseCases.PeriodsHandler>();
        services.AddSingleton<Survey.Domain.Units.IUnitRepository, Survey.Data.Units.UnitRepository>();
        services.AddScoped<Survey.Domain.UseCases.UnitsHandler>();
        services.AddSingleton<Survey.Domain.Units.IAssignmentRepository, Survey.Data.Units.AssignmentRepository>();
        services.AddScoped<Survey.Domain.UseCases.AssignmentsHandler>();
        services.AddSingleton<Survey.Domain.Units.IContributionRepository, Survey.Data.Units.ContributionRepository>();
        services.AddScoped<Survey.Domain.UseCases.ConsolidationHandler>();
        services.AddSingleton<Survey.Domain.Submissions.ISubmissionRepository, Survey.Data.Submissions.SubmissionRepository>();
        services.AddScoped<Survey.Domain.UseCases.ScopeReader>();
        services.AddScoped<Survey.Domain.UseCases.SaveValuesHandler>();
        services.AddScoped<Survey.Domain.UseCases.SubmitHandler>();
        services.AddSingleton<Survey.Domain.Submissions.IPendingDraftRepository, Survey.Data.Submissions.PendingDraftRepository>();
        services.AddSingleton<Survey.Domain.Platform.IDatabaseFaults, DatabaseFaults>();
        services.AddSingleton<Survey.Domain.Platform.IBenchmarkFloor, BenchmarkFloor>();
        services.AddSingleton<Survey.Data.Surveys.ResponseWriter>();
        services.AddSingleton<Survey.Domain.Surveys.ISurveyRepository, Survey.Data.Surveys.SurveyRepository>();
        services.AddScoped<Survey.Domain.UseCases.InvitationsHandler>();
        services.AddScoped<Survey.Domain.UseCases.CompleteResponseHandler>();
        services.AddSingleton<Survey.Domain.Submissions.IEvidenceRepository, Survey.Data.Submissions.EvidenceRepository>();
        services.AddSingleton<Survey.Domain.Submissions.IProgrammeRepository, Survey.Data.Submissions.ProgrammeRepository>();
        services.AddScoped<Survey.Domain.UseCases.SaveProgrammesHandler>();
        services.AddScoped<Survey.Domain.UseCases.CarryOverHandler>();
        services.AddScoped<Survey.Domain.UseCases.ObstaclesHandler>();
        services.AddScoped<Survey.Domain.UseCases.RecommendationsHandler>();
        services.AddScoped<Survey.Web.Features.Risks.NationalWarningReader>();
        services.AddSingleton<Survey.Domain.Scoring.IScoreRepository, Survey.Data.Scoring.ScoreRepository>();
        services.AddScoped<Survey.Domain.UseCases.ScoreReader>();
        services.AddMemoryCache();
        services.AddSingleton<Survey.Domain.Reviews.IReviewRepository, Survey.Data.Reviews.ReviewRepository>();
        services.AddSingleton<Survey.Domain.Notifications.INotificationRepository, Survey.Data.Notifications.NotificationRepository>();
        services.AddScoped<Survey.Domain.Notifications.Notifier>();
        services.AddScoped<Survey.Web.Features.Notifications.NotificationBell>();
        services.AddScoped<Survey.Web.Features.Charts.ChartService>();
        services.AddSingleton<Survey.Web.Features.Charts.ChartImageCache>();
        services.AddSingleton<Survey.Domain.Exports.IExportReader, Survey.Data.Exports.ExportReader>();
        services.AddSingleton<Survey.Web.Features.Exports.ReportGate>();
        services.AddSingleton<Survey.Domain.Submissions.IImportPreviewRepository, Survey.Data.Submissions.ImportPreviewRepository>();
        services.AddSingleton<Survey.Domain.Audit.IAuditRepository, Survey.Data.Audit.AuditRepository>();
        services.AddScoped<Survey.Domain.UseCases.ReviewHandler>();
        services.AddHostedService<MailOutboxService>();
        services.AddHostedService<PeriodReminderService>();
        services.AddHostedService<ScoreWarmUpService>();
        services.AddHostedService<MemoryTrimService>();
        services.AddSingleton<IValidator<RegionInput>, RegionInputValidator>();
        services.AddHttpContextAccessor();
        services.AddScoped<Survey.Web.Infrastructure.Security.AccountService>();
        services.AddSurveyAuthentication(builder.Configuration);

        // Registered before AddLocalization, whose TryAdd then keeps this factory.
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(FormatCulture, UiCultures[0]);
            options.SupportedCultures = [FormatCulture];
            options.SupportedUICultures = UiCultures;
            // Bahasa Indonesia unless the user chose otherwise: the browser's language is not consulted.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        services
            .AddControllersWithViews(options =>
            {
                options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                options.Filters.Add<SurveyAntiforgeryFilter>();
            })
            .AddRazorOptions(options =>
            {
                options.ViewLocationFormats.Clear();
                options.ViewLocationExpanders.Add(new FeatureViewLocationExpander());
                options.ViewLocationFormats.Add("/Features/{feature}/{0}" + RazorViewEngine.ViewExtension);
                options.ViewLocationFormats.Add("/Features/Shared/{0}" + RazorViewEngine.ViewExtension);
            })
            .AddJsonOptions(options =>
            {
                options.JsonSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            });
        // Indonesian and other non-ASCII text is written as is, not as numeric entities.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "survey.af";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddOptions<SiteOptions>().Bind(builder.Configuration.GetSection("Survey"))
            .Validate(o => o.Problem() is null, "see the message of SiteOptions.Problem")
            .ValidateOnStart();
        var site = builder.Configuration.GetSection("Survey").Get<SiteOptions>() ?? new SiteOptions();
        if (site.Problem() is { } problem)
        {
            throw new StartupException(problem);
        }

        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(site.Apply);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });
        // The Server header tells an attacker the stack and version for nothing.
        builder.WebHost.ConfigureKestrel(options => options.AddServerHeader = false);

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", timeout: TimeSpan.FromSeconds(5));
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description =>
                description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            // The document names the configured public address (or none), never the Host header of a request.
            options.AddDocumentTransformer((document, context, _) =>
            {
                var configured = context.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteOptions>>().Value.BaseUrl;
                document.Servers = [new Microsoft.OpenApi.OpenApiServer { Url = configured ?? "/" }];
                return Task.CompletedTask;
            });
        });
        return builder;
    }
}
