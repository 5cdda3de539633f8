using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using Survey.Domain.Common;

namespace Survey.Domain.Periods;

/// <summary>The life of a period: entry is possible only while it is open.</summary>
public enum PeriodStatus
{
    /// <summary>Prepared; not visible to coordinators.</summary>
    Draft,

    /// <summary>Entry is possible; the methodology revision is fixed.</summary>
    Open,

    /// <summary>Entry has ended; data is read-only for coordinators.</summary>
    Closed,

    /// <summary>Scores are frozen in a snapshot.</summary>
    Published,
}

/// <summary>
/// A semester of evaluation, <c>YYYY-S1</c> (January-June) or <c>YYYY-S2</c> (July-December).
/// </summary>
/// <param name="Code">e.g. <c>2026-S2</c>.</param>
/// <param name="EntryOpens">First day of the entry window.</param>
/// <param name="EntryCloses">Last day of the entry window.</param>
/// <param name="Methodology">The methodology version label requested (<c>v1</c>).</param>
/// <param name="MethodologyVersionId">The stored revision the period is scored with; fixed when the period opens.</param>
/// <param name="MethodologyLabel">That revision's label (<c>v1.1</c>), when fixed.</param>
/// <param name="Status">Draft, open, closed or published.</param>
public sealed record Period(string Code, DateOnly EntryOpens, DateOnly EntryCloses, string Methodology, int? MethodologyVersionId, string? MethodologyLabel, PeriodStatus Status)
{
    /// <summary>The risk criteria revision the period fixed when it opened (<c>v1.1</c>), or <c>null</c> while a draft.</summary>
    public string? RiskCriteriaLabel { get; init; }

    /// <summary>The year of the period.</summary>
    public int Year => PeriodCodes.YearOf(Code);

    /// <summary>1 or 2.</summary>
    public int Semester => PeriodCodes.SemesterOf(Code);

    /// <summary>Whether coordinators may change data in it.</summary>
    public bool AcceptsEntry => Status == PeriodStatus.Open;

    /// <summary>The period before this one (<c>2026-S1</c> for <c>2026-S2</c>, <c>2025-S2</c> for <c>2026-S1</c>).</summary>
    public string PreviousCode => PeriodCodes.Previous(Code);
}

/// <summary>Period codes and their names.</summary>
public static partial class PeriodCodes
{
    public static bool IsValid(string? code) => code is not null && Pattern().IsMatch(code);

    public static int YearOf(string code) => int.Parse(code.AsSpan(0, 4), CultureInfo.InvariantCulture);

    public static int SemesterOf(string code) => code[^1] - '0';

    /// <summary>The first day of the semester (1 January or 1 July).</summary>
    public static DateOnly StartOf(string code) => new(YearOf(code), SemesterOf(code) == 1 ? 1 : 7, 1);

    public static string Previous(string code) =>
        SemesterOf(code) == 2 ? $"{YearOf(code)}-S1" : $"{YearOf(code) - 1}-S2";

    public static string Next(string code) =>
        SemesterOf(code) == 1 ? $"{YearOf(code)}-S2" : $"{YearOf(code) + 1}-S1";

    /// <summary>"Semester I 2026" / "Semester II 2026" (the same in both languages).</summary>
    public static string DisplayName(string code) => $"Semester {(SemesterOf(code) == 1 ? "I" : "II")} {YearOf(code)}";

    /// <summary>The status name used in storage and JSON.</summary>
    public static string NameOf(PeriodStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseStatus(string? text, out PeriodStatus status) =>
        Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status);

    [GeneratedRegex("^(20[0-9]{2})-S[12]$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>A period to create, as typed or sent.</summary>
public sealed record NewPeriod(string? Code, DateOnly? EntryOpens, DateOnly? EntryCloses, string? Methodology);

/// <summary>The rules of a new period.</summary>
public sealed class NewPeriodValidator : AbstractValidator<NewPeriod>
{
    public NewPeriodValidator()
    {
        RuleFor(p => p.Code).Must(PeriodCodes.IsValid).WithMessage(_ => Messages.Get("PeriodCode"));
        RuleFor(p => p.EntryOpens).NotNull().WithMessage(_ => Messages.Get("Required", Messages.Field("entry_opens")));
        RuleFor(p => p.EntryCloses).NotNull().WithMessage(_ => Messages.Get("Required", Messages.Field("entry_closes")))
            .GreaterThanOrEqualTo(p => p.EntryOpens).When(p => p.EntryOpens is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => Messages.Get("PeriodClosesBeforeOpens"));
        RuleFor(p => p.Methodology).NotEmpty().WithMessage(_ => Messages.Get("Required", Messages.Field("methodology")))
            .Matches("^v[0-9]+$").WithMessage(_ => Messages.Get("MethodologyVersion"));
    }
}

/// <summary>Periods in storage.</summary>
public interface IPeriodRepository
{
    /// <summary>Every period, newest first.</summary>
    Task<IReadOnlyList<Period>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The period with <paramref name="code"/>, or <c>null</c>.</summary>
    Task<Period?> FindAsync(string code, CancellationToken cancellationToken);

    /// <summary>Adds a draft period; <c>false</c> when the code exists.</summary>
    Task<bool> AddAsync(NewPeriod period, Guid? actorId, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a period from <paramref name="fromStatus"/> to <paramref name="toStatus"/>; when opening, fixes the newest
    /// revision of its methodology. Returns the period after the change, or <c>null</c> when it was not in
    /// <paramref name="fromStatus"/> (nothing changed).
    /// </summary>
    Task<Period?> TransitionAsync(string code, PeriodStatus fromStatus, PeriodStatus toStatus, Guid? actorId, CancellationToken cancellationToken);

    /// <summary>Every participating region's state in the period (<see cref="RegionStates"/>), by code.</summary>
    Task<IReadOnlyList<RegionStanding>> StandingsAsync(string code, CancellationToken cancellationToken);
}
