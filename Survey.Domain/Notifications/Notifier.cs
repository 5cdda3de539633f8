using Microsoft.Extensions.Logging;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Regions;

namespace Survey.Domain.Notifications;

/// <summary>
/// The events people are told about, in both languages: a region submitted (its evaluators), a submission
/// returned or approved (its coordinators), a period opened or closing soon (coordinators). A failure to
/// notify is logged and never undoes the event itself.
/// </summary>
public sealed class Notifier(INotificationRepository notifications, IRegionRepository regions, ILogger<Notifier> logger)
{
    public async Task SubmittedAsync(Scope scope, int round, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        var name = (await regions.FindAsync(region, cancellationToken))?.Name ?? region;
        var when = PeriodCodes.DisplayName(period);
        await SafelyAsync(Audience.RegionEvaluators, "submitted", period, region, $"submitted:{period}:{region}:{round}",
            new LocalizedText($"{name} mengirim data {when} untuk ditinjau.", $"{name} submitted its data of {when} for review."),
            $"/periods/{period}/regions/{region}/review", cancellationToken);
    }

    public Task DecidedAsync(Scope scope, string decision, int round, int returned, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        var when = PeriodCodes.DisplayName(period);
        var text = decision == "return"
            ? new LocalizedText($"Evaluator mengembalikan {returned} butir data {when} untuk diperbaiki.", $"The evaluator returned {returned} item(s) of {when} for revision.")
            : new LocalizedText($"Data {when} disetujui evaluator.", $"The evaluator approved the data of {when}.");
        return SafelyAsync(Audience.RegionCoordinators, decision == "return" ? "returned" : "approved", period, region, $"{decision}:{period}:{region}:{round}",
            text, $"/periods/{period}/regions/{region}/entry", cancellationToken);
    }

    public Task PeriodOpenedAsync(Period period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var when = PeriodCodes.DisplayName(period.Code);
        var closes = period.EntryCloses.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("id-ID"));
        var closesEn = period.EntryCloses.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        return SafelyAsync(Audience.AllCoordinators, "period_opened", period.Code, null, $"opened:{period.Code}",
            new LocalizedText($"Pengisian {when} dibuka sampai {closes}.", $"Entry for {when} is open until {closesEn}."), "/", cancellationToken);
    }

    public Task ClosingSoonAsync(Period period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var when = PeriodCodes.DisplayName(period.Code);
        var closes = period.EntryCloses.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("id-ID"));
        var closesEn = period.EntryCloses.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        return SafelyAsync(Audience.CoordinatorsNotSubmitted, "period_closing", period.Code, null, $"closing:{period.Code}",
            new LocalizedText($"Pengisian {when} ditutup {closes}; data daerah Anda belum dikirim.", $"Entry for {when} closes on {closesEn}; your region has not submitted yet."),
            "/", cancellationToken);
    }

    private async Task SafelyAsync(Audience audience, string kind, string? period, string? region, string dedupe, LocalizedText text, string link, CancellationToken cancellationToken)
    {
        try
        {
            await notifications.NotifyAsync(audience, kind, period, region, dedupe, text, link, cancellationToken);
        }
        catch (System.Data.Common.DbException exception)
        {
            Log.NotificationFailed(logger, kind, exception);
        }
    }
}
