using FluentValidation;
using Survey.Domain.Common;
using Survey.Domain.Methodology;

namespace Survey.Domain.Submissions;

/// <summary>
/// A flagship programme (program unggulan) of a region in a period: where it counts (dimension and element),
/// what it is, its self-assessed maturity 1-5 with a justification, and its risk register. An evaluator's
/// verified level, when set, replaces the self-assessment in the score.
/// </summary>
public sealed record Programme(
    Guid Id,
    string Dimension,
    string Element,
    string Name,
    string? Description,
    string? Agency,
    int? StartYear,
    decimal? Budget,
    int MaturityLevel,
    string? Justification,
    IReadOnlyList<Risk> Risks,
    int? VerifiedLevel = null,
    string? VerifiedNote = null,
    string? Unit = null,
    int Version = 0)
{
    /// <summary>The level the score uses: the verified one when set, else the self-assessed one.</summary>
    public int EffectiveLevel => VerifiedLevel ?? MaturityLevel;

    /// <summary>Units that run the programme together with its owner (codes of the region's units).</summary>
    public IReadOnlyList<string> CoUnits { get; init; } = [];

    /// <summary>Where the programme, rolled out from its prototype, has been replicated.</summary>
    public IReadOnlyList<Replication> Replications { get; init; } = [];

    /// <summary>Whether two records hold the same fields, co-owners, replications and risks (the store's version aside).</summary>
    public bool SameAs(Programme other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return OwnFields() == other.OwnFields()
            && CoUnits.SequenceEqual(other.CoUnits, StringComparer.Ordinal)
            && Replications.SequenceEqual(other.Replications)
            && Risks.SequenceEqual(other.Risks);
    }

    /// <summary>Whether the programme's own fields (with co-owners and replications, without risks) differ from <paramref name="other"/>'s.</summary>
    public bool OwnFieldsDiffer(Programme other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return OwnFields() != other.OwnFields()
            || !CoUnits.SequenceEqual(other.CoUnits, StringComparer.Ordinal)
            || !Replications.SequenceEqual(other.Replications);
    }

    /// <summary>Whether the unit owns, co-owns or runs a replication of the programme.</summary>
    public bool Involves(string unit) => Unit == unit || CoUnits.Contains(unit) || Replications.Any(r => r.Unit == unit);

    private Programme OwnFields() => this with { Risks = [], Version = 0, CoUnits = [], Replications = [] };
}

/// <summary>Where a programme has been replicated: the unit (a village, an agency), since when, and its status.</summary>
public sealed record Replication(string Unit, DateOnly? Since, string Status);

/// <summary>The states of a replication.</summary>
public static class ReplicationStatuses
{
    public const string Planned = "planned";
    public const string Running = "running";
    public const string Stopped = "stopped";

    public static readonly IReadOnlyList<string> All = [Planned, Running, Stopped];
}

/// <summary>
/// One risk of a programme's register: its identification (type, category, impact area, event, cause, consequence,
/// existing controls), the inherent likelihood and impact 1-5, the treatment option with its action plan, and the
/// residual (target) likelihood and impact. The magnitude and level come from the period's risk criteria
/// (<see cref="Risks.RiskCriteria.Position"/>), never typed; <see cref="Rating"/> is the older product of the two.
/// </summary>
public sealed record Risk(Guid Id, string Title, int Likelihood, int Impact, string? Mitigation, string? Owner)
{
    public int Rating => Likelihood * Impact;

    /// <summary><c>negative</c> (a threat) or <c>positive</c> (an opportunity).</summary>
    public string Type { get; init; } = Risks.RiskTypes.Negative;

    public string? Category { get; init; }

    public string? ImpactArea { get; init; }

    public string? Event { get; init; }

    public string? Cause { get; init; }

    public string? Consequence { get; init; }

    public string? ExistingControls { get; init; }

    public string? TreatmentOption { get; init; }

    /// <summary>The action plan: what is done, with its output, the responsible unit, the due date and the cost.</summary>
    public IReadOnlyList<RiskAction> Actions { get; init; } = [];

    public int? ResidualLikelihood { get; init; }

    public int? ResidualImpact { get; init; }

    /// <summary>The evaluator's verified likelihood and impact and their note (not part of the register's content: never compared or saved with it).</summary>
    public int? VerifiedLikelihood { get; init; }

    public int? VerifiedImpact { get; init; }

    public string? VerifiedNote { get; init; }

    public bool Equals(Risk? other) =>
        other is not null && Id == other.Id && Title == other.Title && Likelihood == other.Likelihood && Impact == other.Impact
        && Mitigation == other.Mitigation && Owner == other.Owner && Type == other.Type && Category == other.Category
        && ImpactArea == other.ImpactArea && Event == other.Event && Cause == other.Cause && Consequence == other.Consequence
        && ExistingControls == other.ExistingControls && TreatmentOption == other.TreatmentOption
        && ResidualLikelihood == other.ResidualLikelihood && ResidualImpact == other.ResidualImpact && Actions.SequenceEqual(other.Actions);

    public override int GetHashCode() => HashCode.Combine(Id, Title, Likelihood, Impact, Type, Category, Actions.Count);
}

/// <summary>One action of a risk's treatment plan; its id lasts across semesters with the risk.</summary>
public sealed record RiskAction(Guid Id, string Action, string? Output, string? Unit, DateOnly? Due, decimal? Cost);

/// <summary>The rules of a programme and its risks, checked against the period's methodology.</summary>
public sealed class ProgrammeValidator : AbstractValidator<Programme>
{
    public const int MaxRisks = 20;
    public const int MaxCoUnits = 10;
    public const int MaxReplications = 500;

    public ProgrammeValidator(ScoringMethodology methodology, int currentYear)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        RuleFor(p => p).Custom((p, context) =>
        {
            var dimension = methodology.FindDimension(p.Dimension);
            if (dimension is null)
            {
                context.AddFailure("dimension", Messages.Get("Required", Messages.Field("dimension")));
            }
            else if (string.IsNullOrWhiteSpace(p.Element))
            {
                context.AddFailure("element", Messages.Get("Required", Messages.Field("element")));
            }
            else if (dimension.Elements.All(e => e.Code != p.Element))
            {
                context.AddFailure("element", Messages.Get("ElementNotInDimension", p.Element, dimension.Name.ToString()));
            }

            if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Trim().Length < 3)
            {
                context.AddFailure("name", Messages.Get("Required", Messages.Field("name")));
            }

            Text(p.Name, "name", 200);
            Text(p.Description, "description", 2000);
            Text(p.Agency, "agency", 200);
            Text(p.Justification, "justification", 1000);
            if (p.MaturityLevel is < 1 or > 5)
            {
                context.AddFailure("maturity_level", Messages.Get("Range", Messages.Field("maturity_level"), 1, 5));
            }

            if (string.IsNullOrWhiteSpace(p.Justification))
            {
                context.AddFailure("justification", Messages.Get("Required", Messages.Field("justification")));
            }

            if (p.StartYear is { } year && (year < 1990 || year > currentYear + 1))
            {
                context.AddFailure("start_year", Messages.Get("Range", Messages.Field("start_year"), 1990, currentYear + 1));
            }

            if (p.Budget is { } budget && (budget < 0 || budget > 1_000_000_000_000_000m))
            {
                context.AddFailure("budget", Messages.Get("Range", Messages.Field("budget"), 0, "1.000.000.000.000.000"));
            }

            if (p.CoUnits.Count > MaxCoUnits)
            {
                context.AddFailure("co_units", Messages.Get("Range", Messages.Field("co_units"), 0, MaxCoUnits));
            }

            if (p.Unit is not null && p.CoUnits.Contains(p.Unit))
            {
                context.AddFailure("co_units", Messages.Get("CoUnitIsOwner", p.Unit));
            }

            if (p.CoUnits.Distinct(StringComparer.Ordinal).Count() != p.CoUnits.Count)
            {
                context.AddFailure("co_units", Messages.Get("DuplicateUnit"));
            }

            if (p.Replications.Count > MaxReplications)
            {
                context.AddFailure("replications", Messages.Get("Range", Messages.Field("replications"), 0, MaxReplications));
            }

            var replicated = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < p.Replications.Count; i++)
            {
                var replication = p.Replications[i];
                if (!replicated.Add(replication.Unit))
                {
                    context.AddFailure($"replications[{i}].unit", Messages.Get("DuplicateUnit"));
                }

                if (!ReplicationStatuses.All.Contains(replication.Status))
                {
                    context.AddFailure($"replications[{i}].status", Messages.Get("ReplicationStatus", replication.Status));
                }

                if (replication.Since is { } since && (since.Year < 1990 || since.Year > currentYear + 1))
                {
                    context.AddFailure($"replications[{i}].since", Messages.Get("Range", Messages.Field("since"), 1990, currentYear + 1));
                }
            }

            if (p.Risks.Count > MaxRisks)
            {
                context.AddFailure("risks", Messages.Get("Range", "risks", 0, MaxRisks));
            }

            for (var i = 0; i < p.Risks.Count; i++)
            {
                var risk = p.Risks[i];
                if (string.IsNullOrWhiteSpace(risk.Title))
                {
                    context.AddFailure($"risks[{i}].title", Messages.Get("Required", Messages.Field("title")));
                }

                Text(risk.Title, $"risks[{i}].title", 200, "title");
                Text(risk.Mitigation, $"risks[{i}].mitigation", 1000, "mitigation");
                Text(risk.Owner, $"risks[{i}].owner", 200, "owner");
                Text(risk.Event, $"risks[{i}].event", 1000, "event");
                Text(risk.Cause, $"risks[{i}].cause", 1000, "cause");
                Text(risk.Consequence, $"risks[{i}].consequence", 1000, "consequence");
                Text(risk.ExistingControls, $"risks[{i}].existing_controls", 1000, "existing_controls");
                if (risk.Likelihood is < 1 or > 5)
                {
                    context.AddFailure($"risks[{i}].likelihood", Messages.Get("Range", Messages.Field("likelihood"), 1, 5));
                }

                if (risk.Impact is < 1 or > 5)
                {
                    context.AddFailure($"risks[{i}].impact", Messages.Get("Range", Messages.Field("impact"), 1, 5));
                }
            }

            void Text(string? text, string key, int max, string? label = null)
            {
                if (text is null)
                {
                    return;
                }

                if (text.Length > max)
                {
                    context.AddFailure(key, Messages.Get("TooLong", Messages.Field(label ?? key), max));
                }

                if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
                {
                    context.AddFailure(key, Messages.Get("ControlCharacters", Messages.Field(label ?? key)));
                }
            }
        });
    }
}

/// <summary>Programmes of a region in a period.</summary>
/// <summary>One period's record of a lasting programme, for its history across semesters.</summary>
public sealed record ProgrammePeriodRecord(string Period, Programme Programme);

public interface IProgrammeRepository
{
    /// <summary>Every programme with its risks, in dimension and entry order.</summary>
    Task<IReadOnlyList<Programme>> ListAsync(Scope scope, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="programmes"/> the region's programmes in the period, in one transaction: known ids
    /// (programmes and risks) are updated in place, new ids inserted, only the missing ones deleted; an audit row
    /// per programme and per risk that changed. Verified levels are kept (they belong to the evaluator). A
    /// programme id keeps its identity across periods but belongs to one region.
    /// </summary>
    Task<int> ReplaceAsync(Scope scope, IReadOnlyList<Programme> programmes, Guid actorId, CancellationToken cancellationToken);

    /// <summary>Adds or updates one programme (the form); audited.</summary>
    /// <returns><c>false</c> when <paramref name="expectedVersion"/> is given and the stored record has another version (nothing written).</returns>
    Task<bool> SaveAsync(Scope scope, Programme programme, Guid actorId, CancellationToken cancellationToken, IReadOnlyList<NewEvidence>? evidence = null, int? expectedVersion = null);

    /// <summary>Deletes one programme of the region and period; audited. <c>false</c> when it is not there.</summary>
    Task<bool> DeleteAsync(Scope scope, Guid id, Guid actorId, CancellationToken cancellationToken);

    /// <summary>
    /// Copies the programmes of <paramref name="fromPeriod"/> that <paramref name="eligible"/> accepts and that the
    /// period <paramref name="toPeriod"/> does not hold yet (by id, or by dimension and name), keeping their ids and
    /// their risks' ids, without verified levels; under the submission's lock, in one transaction, so that a
    /// programme saved meanwhile is never lost. Returns how many were copied.
    /// </summary>
    Task<int> CarryOverAsync(string fromPeriod, string toPeriod, string region, Func<Programme, bool> eligible, Guid? actorId, CancellationToken cancellationToken);

    /// <summary>The participating regions that hold programmes in <paramref name="period"/>.</summary>
    Task<IReadOnlyList<string>> RegionsWithProgrammesAsync(string period, CancellationToken cancellationToken);

    /// <summary>Every period's record of one programme of the region, oldest first; empty when it is unknown there.</summary>
    Task<IReadOnlyList<ProgrammePeriodRecord>> HistoryAsync(string region, Guid id, CancellationToken cancellationToken);
}

/// <summary>Which programme and risk a sent item is: ids are never chosen by the caller.</summary>
public static class ProgrammeIdentities
{
    /// <summary>
    /// The programmes to store: a sent id that is stored (once in the list) keeps the programme's identity, any
    /// other becomes a new id; a risk keeps its id only when it is a stored risk of the same programme, and an
    /// action only when it is a stored action of the same risk (an action sent without an id that reads the same as
    /// a stored one is that one).
    /// </summary>
    public static List<Programme> Resolve(IReadOnlyList<Programme> sent, IReadOnlyList<Programme> stored)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(stored);
        var known = stored.ToDictionary(p => p.Id, p => p.Risks.Select(r => r.Id).ToHashSet());
        var storedActions = stored.SelectMany(p => p.Risks).GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First().Actions);
        var usedProgrammes = new HashSet<Guid>();
        var result = new List<Programme>(sent.Count);
        foreach (var programme in sent)
        {
            var id = known.ContainsKey(programme.Id) && usedProgrammes.Add(programme.Id) ? programme.Id : Guid.NewGuid();
            var risksOfIt = known.GetValueOrDefault(id) ?? [];
            var usedRisks = new HashSet<Guid>();
            result.Add(programme with
            {
                Id = id,
                Risks = programme.Risks.Select(r => risksOfIt.Contains(r.Id) && usedRisks.Add(r.Id)
                    ? r with { Actions = ResolveActions(r.Actions, storedActions.GetValueOrDefault(r.Id) ?? []) }
                    : r with { Id = Guid.NewGuid(), Actions = ResolveActions(r.Actions, []) }).ToList(),
            });
        }

        return result;
    }

    private static List<RiskAction> ResolveActions(IReadOnlyList<RiskAction> sent, IReadOnlyList<RiskAction> stored)
    {
        var used = new HashSet<Guid>();
        return sent.Select(a =>
        {
            if (a.Id != Guid.Empty && stored.Any(s => s.Id == a.Id) && used.Add(a.Id))
            {
                return a;
            }

            var same = stored.FirstOrDefault(s => !used.Contains(s.Id) && string.Equals(s.Action.Trim(), a.Action.Trim(), StringComparison.OrdinalIgnoreCase));
            if (same is not null && used.Add(same.Id))
            {
                return a with { Id = same.Id };
            }

            return a with { Id = Guid.NewGuid() };
        }).ToList();
    }
}
