using System.Net.Mail;
using Survey.Domain.Notifications;
using Survey.Domain.Periods;

namespace Survey.Web.Infrastructure;

/// <summary>
/// Mails notifications when mail is configured: <c>Survey:Mail:PickupDirectory</c> (a folder where every
/// message is written as an .eml file, for trials and tests) or <c>Survey:Mail:SmtpHost</c> (with
/// <c>SmtpPort</c>, <c>From</c>, <c>BaseUrl</c>). Polls every <c>Survey:Mail:IntervalSeconds</c> (10).
/// </summary>
public sealed class MailOutboxService(IServiceProvider services, Microsoft.Extensions.Options.IOptions<MailSettings> mailSettings, Microsoft.Extensions.Options.IOptions<SiteOptions> site, ILogger<MailOutboxService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = mailSettings.Value;
        if (!settings.Enabled)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(settings.IntervalSeconds);
        var from = new MailAddress(settings.From, "Evaluasi Kota Cerdas");
        var baseUrl = (NonEmpty(settings.BaseUrl) ?? site.Value.BaseUrl ?? "http://127.0.0.1:5000").TrimEnd('/');
        using var client = string.IsNullOrWhiteSpace(settings.PickupDirectory)
            ? new SmtpClient(settings.SmtpHost, settings.SmtpPort)
            : new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = Directory.CreateDirectory(settings.PickupDirectory).FullName };
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                var repository = services.GetRequiredService<INotificationRepository>();
                foreach (var mail in await repository.UnmailedAsync(100, stoppingToken))
                {
                    try
                    {
                        using var message = new MailMessage(from, new MailAddress(mail.Email, mail.Name))
                        {
                            Subject = mail.TextId.Length > 120 ? mail.TextId[..120] : mail.TextId,
                            Body = $"{mail.TextId}\n\n{mail.TextEn}\n\n{baseUrl}{mail.Link}\n",
                        };
                        await client.SendMailAsync(message, stoppingToken);
                        await repository.MarkMailedAsync(mail.Id, stoppingToken);
                    }
                    catch (SmtpException exception)
                    {
                        Log.MailFailed(logger, mail.Id, exception);
                    }
                }
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException or IOException)
            {
                Log.BackgroundPassFailed(logger, nameof(MailOutboxService), exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

/// <summary>
/// Once an hour: coordinators whose region has not submitted are told when entry for an open period closes
/// within seven days (once per period).
/// </summary>
public sealed class PeriodReminderService(IServiceProvider services, TimeProvider clock, ILogger<PeriodReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                using var scope = services.CreateScope();
                var today = DateOnly.FromDateTime(Survey.Domain.Regions.IndonesianTimeZone.Wib.Local(clock.GetUtcNow()).DateTime);
                foreach (var period in await scope.ServiceProvider.GetRequiredService<IPeriodRepository>().ListAsync(stoppingToken))
                {
                    if (period.Status == PeriodStatus.Open && period.EntryCloses >= today && period.EntryCloses.DayNumber - today.DayNumber <= 7)
                    {
                        await scope.ServiceProvider.GetRequiredService<Notifier>().ClosingSoonAsync(period, stoppingToken);
                        await scope.ServiceProvider.GetRequiredService<Survey.Domain.UseCases.RecommendationsHandler>().RemindAsync(period.Code, closing: true, stoppingToken);
                    }
                }
            }
            catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                Log.BackgroundPassFailed(logger, nameof(PeriodReminderService), exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>
/// Shortly after start: the comparison groups of live periods are computed once, so that the first dashboards
/// do not wait for the country to be scored (<c>Survey:Scores:WarmUp</c>, on by default).
/// </summary>
public sealed class ScoreWarmUpService(IServiceProvider services, Microsoft.Extensions.Options.IOptions<Survey.Domain.Common.ScoreSettings> settings, ILogger<ScoreWarmUpService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Value.WarmUp)
        {
            return;
        }

        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<Survey.Domain.UseCases.ScoreReader>().WarmUpAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException or IOException or InvalidOperationException)
        {
            Log.BackgroundPassFailed(logger, nameof(ScoreWarmUpService), exception);
        }
    }
}
