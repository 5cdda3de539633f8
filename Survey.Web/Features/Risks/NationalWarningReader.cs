using Survey.Domain.Risks;

namespace Survey.Web.Features.Risks;

/// <summary>The early warnings of every participating region in a period, by region (for the review queue).</summary>
public sealed class NationalWarningReader(INationalRiskRepository risks, IRiskCriteriaRepository criteria, TimeProvider clock)
{
    public async Task<ILookup<string, RegionWarning>> ByRegionAsync(string period, CancellationToken cancellationToken)
    {
        var stored = await criteria.ForPeriodAsync(period, cancellationToken);
        if (stored is null)
        {
            return Array.Empty<RegionWarning>().ToLookup(w => w.Region, StringComparer.Ordinal);
        }

        var (_, warnings) = await NationalRisksController.AnalyseAsync(risks, stored, clock, period, cancellationToken);
        return warnings.ToLookup(w => w.Region, StringComparer.Ordinal);
    }
}
