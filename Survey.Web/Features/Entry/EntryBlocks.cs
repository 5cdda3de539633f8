using Survey.Domain.UseCases;

namespace Survey.Web.Features.Entry;

/// <summary>The UI text of a block.</summary>
public static class EntryBlocks
{
    public static string MessageKey(EntryBlock block) => block switch
    {
        EntryBlock.PeriodNotOpen => "Entry.PeriodNotOpen",
        EntryBlock.NotReturned => "Entry.OnlyReturned",
        EntryBlock.NotYourUnit => "Entry.NotYourUnit",
        EntryBlock.UnitReady => "Entry.UnitReady",
        _ => "Entry.NotEditable",
    };

    public static string ApiTitle(EntryBlock block, string period) => block switch
    {
        EntryBlock.PeriodNotOpen => $"Period {period} is not open for entry.",
        EntryBlock.NotReturned => "Only the items the evaluator returned can be changed.",
        EntryBlock.NotYourUnit => "A unit operator changes only the unit's programmes and the indicators assigned to it.",
        EntryBlock.UnitReady => "The unit's contribution is marked ready; the regional coordinator returns it before the unit changes it again.",
        _ => "The submission is not editable (submitted or approved).",
    };
}
