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

    /// <summary>A unit marked its contribution ready: the region's coordinators are told.</summary>
    public Task UnitReadyAsync(Scope scope, string unitName, string unit, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        var when = PeriodCodes.DisplayName(period);
        return SafelyAsync(Audience.RegionCoordinators, "unit_ready", period, region, $"unit_ready:{period}:{region}:{unit}:{Guid.NewGuid():N}",
            new LocalizedText($"{unitName} menandai kontribusinya untuk {when} siap.", $"{unitName} marked its contribution to {when} ready."),
            $"/periods/{period}/regions/{region}/units", cancellationToken);
    }

    /// <summary>The coordinator returned a unit's contribution: the unit's operators are told why.</summary>
    public Task UnitReturnedAsync(Scope scope, string unitName, string unit, string reason, int round, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        var when = PeriodCodes.DisplayName(period);
        return SafelyAsync(Audience.UnitOperators, "unit_returned", period, region, $"unit_returned:{period}:{region}:{unit}:{round}",
            new LocalizedText($"Koordinator daerah mengembalikan kontribusi {unitName} untuk {when}: {reason}", $"The regional coordinator returned {unitName}'s contribution to {when}: {reason}"),
            $"/periods/{period}/regions/{region}/units/{Uri.EscapeDataString(unit)}", cancellationToken, unit);
    }

    /// <summary>A new recommendation: the region's coordinators are told, and the unit's operators when it is addressed to a unit.</summary>
    public async Task RecommendationAsync(Scope scope, Guid id, string? unit, string text, string duePeriod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (period, region) = scope;
        var due = PeriodCodes.DisplayName(duePeriod);
        var shortText = text.Length > 120 ? text[..120] + "…" : text;
        var message = new LocalizedText($"Rekomendasi baru dari evaluator, tenggat {due}: {shortText}", $"A new recommendation of the evaluator, due {due}: {shortText}");
        var link = $"/periods/{period}/regions/{region}/recommendations#rec-{id}";
        await SafelyAsync(Audience.RegionCoordinators, "recommendation", period, region, $"recommendation:{id}", message, link, cancellationToken);
        if (unit is not null)
        {
            await SafelyAsync(Audience.UnitOperators, "recommendation", period, region, $"recommendation:{id}:{unit}", message, link, cancellationToken, unit);
        }
    }

    /// <summary>The region owes follow-ups this period: told when the period opens, and again a week before entry closes while some are missing.</summary>
    public Task FollowUpsDueAsync(Scope scope, int count, bool closing, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        var when = PeriodCodes.DisplayName(period);
        var text = closing
            ? new LocalizedText($"{count} rekomendasi yang jatuh tempo {when} belum ditindaklanjuti; data daerah baru dapat dikirim setelah semuanya dilaporkan.", $"{count} recommendation(s) due {when} have no follow-up yet; the region can submit once every one is reported.")
            : new LocalizedText($"{count} rekomendasi jatuh tempo {when}: laporkan tindak lanjutnya sebelum mengirim data.", $"{count} recommendation(s) are due {when}: report their follow-up before submitting.");
        return SafelyAsync(Audience.RegionCoordinators, "follow_up_due", period, region, $"follow_up_due:{period}:{region}:{(closing ? "closing" : "opened")}",
            text, $"/periods/{period}/regions/{region}/recommendations", cancellationToken);
    }

    private async Task SafelyAsync(Audience audience, string kind, string? period, string? region, string dedupe, LocalizedText text, string link, CancellationToken cancellationToken, string? unit = null)
    {
        try
        {
            await notifications.NotifyAsync(audience, kind, period, region, dedupe, text, link, cancellationToken, unit);
        }
        catch (System.Data.Common.DbException exception)
        {
            Log.NotificationFailed(logger, kind, exception);
        }
    }
}
