using System.Text.Json;
using Microsoft.Extensions.Localization;
using Survey.Domain.Audit;
using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Regions;
using Survey.Domain.Reviews;
using Survey.Domain.Submissions;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Reviews;

/// <summary>Names the audit trail needs to speak of things people know: indicator and programme titles by key.</summary>
/// <param name="Indicator">The title of an indicator key (<c>37122:23.4</c>), or <c>null</c>.</param>
/// <param name="Programme">The name of a programme id, or <c>null</c>.</param>
/// <param name="Region">The name of a region code, or <c>null</c>.</param>
public sealed record AuditNames(Func<string, string?> Indicator, Func<string, string?> Programme, Func<string, string?> Region)
{
    public static readonly AuditNames None = new(_ => null, _ => null, _ => null);

    /// <summary>The name of a unit code of the region, or <c>null</c>.</summary>
    public Func<string, string?> Unit { get; init; } = _ => null;

    /// <summary>The name of a dimension or element code of the methodology, or <c>null</c>.</summary>
    public Func<string, string?> Dimension { get; init; } = _ => null;

    /// <summary>The name of a risk category, impact area or treatment option code of the risk criteria, or <c>null</c>.</summary>
    public Func<string, string?> RiskCode { get; init; } = _ => null;

    /// <summary>These names, with the categories, impact areas and treatment options of <paramref name="criteria"/>.</summary>
    public AuditNames With(Survey.Domain.Risks.RiskCriteria? criteria)
    {
        if (criteria is null)
        {
            return this;
        }

        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, name) in criteria.Categories.Select(c => (c.Code, c.Name)).Concat(criteria.ImpactAreas.Select(a => (a.Code, a.Name)))
            .Concat(criteria.TreatmentOptions.Negative.Concat(criteria.TreatmentOptions.Positive).Select(o => (o.Code, o.Name))))
        {
            codes.TryAdd(code, name.ToString());
        }

        return this with { RiskCode = code => codes.GetValueOrDefault(code) };
    }

    /// <summary>These names, with the dimensions and elements of <paramref name="methodology"/> and the units of <paramref name="units"/>.</summary>
    public AuditNames With(Survey.Domain.Methodology.ScoringMethodology? methodology, IEnumerable<Survey.Domain.Units.Unit>? units)
    {
        var dimensions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dimension in methodology?.Dimensions ?? [])
        {
            dimensions[dimension.Code] = dimension.Name.ToString();
            foreach (var element in dimension.Elements)
            {
                dimensions.TryAdd(element.Code, element.Name.ToString());
            }
        }

        var unitNames = (units ?? []).GroupBy(u => u.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        return this with { Dimension = code => dimensions.GetValueOrDefault(code), Unit = code => unitNames.GetValueOrDefault(code) ?? Unit(code) };
    }

    /// <summary>Names from a catalogue (indicators as "clause title"), a region's programmes and the regions.</summary>
    public static AuditNames For(IndicatorCatalogue? catalogue, IEnumerable<Programme>? programmes, IEnumerable<Region>? regions)
    {
        var programmeNames = (programmes ?? []).GroupBy(p => p.Id.ToString()).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.OrdinalIgnoreCase);
        var regionNames = (regions ?? []).ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);
        return new AuditNames(
            key => catalogue?.Find(key) is { } indicator ? $"{indicator.Clause} {indicator.Title}" : null,
            id => programmeNames.GetValueOrDefault(id),
            code => regionNames.GetValueOrDefault(code));
    }
}

/// <summary>One changed field of an audit row, in words: its name, the value before and after.</summary>
public sealed record AuditDetail(string Field, string Old, string New);

/// <summary>
/// The audit trail for people: one sentence per change in the user's language ("Nilai 23.4 diubah dari 12,5 menjadi
/// 14"), and the changed fields by their names for a disclosure. Internal names (entity, action, JSON keys, ids) stay
/// in the CSV export, which is for machines and auditors.
/// </summary>
public static class AuditText
{
    /// <summary>The kinds of data an audit filter offers, by the name stored and the label shown.</summary>
    public static readonly IReadOnlyList<string> Entities =
        ["indicator_value", "programme", "programme_risk", "evidence", "submission", "review_mark", "period", "evaluator_assignment", "region", "unit", "indicator_assignment", "unit_contribution", "catalogue", "methodology", "questionnaire", "risk_criteria", "risk_monitoring"];

    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal) { "id", "key", "version", "sha256", "content_type", "risks_ids", "programme_id" };

    /// <summary>The sentence that says what happened in <paramref name="row"/>.</summary>
    public static string Sentence(AuditRow row, IStringLocalizer text, AuditNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(text);
        names ??= AuditNames.None;
        using var oldDocument = Parse(row.OldValue);
        using var newDocument = Parse(row.NewValue);
        var before = oldDocument?.RootElement;
        var after = newDocument?.RootElement;
        string T(string key, params object[] arguments) => text["Audit." + key, arguments].Value;

        switch (row.Entity)
        {
            case "indicator_value":
                {
                    var label = IndicatorLabel(row.EntityKey, names);
                    var oldValue = Text(before, "value");
                    var newValue = Text(after, "value");
                    var reason = Text(after, "not_available_reason");
                    if (reason is not null && Text(before, "not_available_reason") != reason)
                    {
                        return T("ValueNotAvailable", label, reason);
                    }

                    if (row.Action == "create" || before is null)
                    {
                        return newValue is null ? T("ValueDraft", label) : T("ValueEntered", label, newValue);
                    }

                    if (oldValue != newValue)
                    {
                        return newValue is null ? T("ValueCleared", label, oldValue!) : oldValue is null ? T("ValueEntered", label, newValue) : T("ValueChanged", label, oldValue, newValue);
                    }

                    var fields = Details(row.OldValue, row.NewValue, text).Select(d => d.Field).ToList();
                    return fields.Count == 0 ? T("ValueSaved", label) : T("ValueFieldsChanged", label, string.Join(", ", fields));
                }

            case "programme":
                {
                    var name = Text(after, "name") ?? Text(before, "name") ?? names.Programme(row.EntityKey);
                    var label = name is null ? T("AProgramme") : T("Programme", name);
                    return row.Action switch
                    {
                        "create" => T("ProgrammeCreated", label),
                        "carry_over" => T("ProgrammeCarriedOver", label),
                        "delete" => T("ProgrammeDeleted", label),
                        "verify" => Text(after, "verified_level") is { } level ? T("ProgrammeVerified", label, level) : T("ProgrammeVerificationCleared", label),
                        _ => Details(row.OldValue, row.NewValue, text) is { Count: > 0 } changed
                            ? T("ProgrammeChanged", label, string.Join(", ", changed.Select(d => d.Field)))
                            : T("ProgrammeSaved", label),
                    };
                }

            case "programme_risk":
                {
                    var risk = after ?? before;
                    var title = Text(risk, "title") ?? string.Empty;
                    var programme = Text(risk, "programme") ?? (Text(risk, "programme_id") is { } pid ? names.Programme(pid) : null);
                    var label = programme is null ? T("AProgramme") : T("Programme", programme);
                    return row.Action switch
                    {
                        "create" or "carry_over" => T("RiskAdded", title, label),
                        "verify" => Text(after, "verified_likelihood") is { } vl ? T("RiskVerified", title, vl, Text(after, "verified_impact") ?? "?") : T("RiskVerificationCleared", title),
                        "delete" => T("RiskDeleted", title, label),
                        _ => Details(row.OldValue, row.NewValue, text) is { Count: > 0 } changed
                            ? T("RiskChanged", title, label, string.Join(", ", changed.Select(d => d.Field)))
                            : T("RiskSaved", title, label),
                    };
                }

            case "evidence":
                {
                    var evidence = before ?? after;
                    var what = Text(evidence, "file_name") ?? Text(evidence, "url") ?? T("AFile");
                    var target = Text(evidence, "target") is { } t ? TargetLabel(t, names, text) : string.Empty;
                    return T(row.Action == "delete" ? "EvidenceDeleted" : "EvidenceAdded", what, target);
                }

            case "submission":
                return row.Action switch
                {
                    "submit" => T("Submitted", Text(after, "flags") ?? "0"),
                    "return" => T("Returned", after is { } a && a.TryGetProperty("returned", out var r) && r.ValueKind == JsonValueKind.Array ? r.GetArrayLength() : 0),
                    "approve" => T("Approved"),
                    _ => T("Other", row.Action),
                };

            case "review_mark":
                {
                    var separator = row.EntityKey.IndexOf(':', StringComparison.Ordinal);
                    var target = TargetLabel(separator < 0 ? row.EntityKey : row.EntityKey[(separator + 1)..], names, text);
                    return Text(after, "state") switch
                    {
                        MarkStates.Accepted => T("MarkAccepted", target),
                        MarkStates.Returned => T("MarkReturned", target, Text(after, "reason") ?? string.Empty),
                        _ => T("MarkOpened", target),
                    };
                }

            case "period":
                {
                    var period = PeriodCodes.IsValid(row.EntityKey) ? PeriodCodes.DisplayName(row.EntityKey) : row.EntityKey;
                    return row.Action switch
                    {
                        "create" => T("PeriodCreated", period),
                        "open" => T("PeriodOpened", period),
                        "closed" => T("PeriodClosed", period),
                        "publish" => T("PeriodPublished", period),
                        "republish" => T("PeriodRepublished", period),
                        _ => T("Other", row.Action),
                    };
                }

            case "evaluator_assignment":
                return T("Assigned", names.Region(row.EntityKey) ?? row.EntityKey);
            case "region":
                return row.Action switch
                {
                    "import" => T("RegionsImported"),
                    "registry_sync" => T("RegistrySynced"),
                    "demo_claim" => T("RegionsClaimedForDemo"),
                    "participation" => T("RegionParticipation", names.Region(row.EntityKey) ?? row.EntityKey),
                    _ => T("RegionCreated", names.Region(row.EntityKey) ?? Text(after, "name") ?? row.EntityKey),
                };
            case "unit":
                {
                    var unit = Text(after, "name") ?? Text(before, "name") ?? row.EntityKey[(row.EntityKey.IndexOf('/', StringComparison.Ordinal) + 1)..];
                    return row.Action switch
                    {
                        "create" => T("UnitCreated", unit),
                        "delete" => T("UnitDeleted", unit),
                        "deactivate" => T("UnitDeactivated", unit),
                        "import" => T("VillagesImported", Text(after, "added") ?? "0", Text(after, "renamed") ?? "0"),
                        _ => Details(row.OldValue, row.NewValue, text) is { Count: > 0 } changed
                            ? T("UnitChanged", unit, string.Join(", ", changed.Select(d => d.Field)))
                            : T("UnitSaved", unit),
                    };
                }

            case "indicator_assignment":
                return row.Action == "delete"
                    ? T("AssignmentRemoved", row.EntityKey)
                    : T("AssignmentSet", row.EntityKey, Text(after, "unit") ?? "?");
            case "unit_contribution":
                {
                    var unit = names.Unit(row.EntityKey) ?? row.EntityKey;
                    return row.Action == "return"
                        ? T("ContributionReturned", unit, Text(after, "reason") ?? string.Empty)
                        : T("ContributionReady", unit);
                }

            case "catalogue":
                return T("CatalogueSynced", row.EntityKey);
            case "methodology":
                return T("MethodologyRevision", row.EntityKey);
            case "questionnaire":
                return T("QuestionnaireRevision", row.EntityKey);
            case "risk_criteria":
                return T("RiskCriteriaRevision", row.EntityKey);
            case "risk_monitoring":
                return T("RiskMonitored");
            default:
                return T("Other", row.Action);
        }
    }

    /// <summary>The label of a kind of data, for filters (<c>Audit.Entity.indicator_value</c>: "Nilai indikator").</summary>
    public static string EntityLabel(string entity, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = text["Audit.Entity." + entity];
        return found.ResourceNotFound ? entity : found.Value;
    }

    /// <summary>The fields that differ between <paramref name="oldJson"/> and <paramref name="newJson"/>, named and formatted for people.</summary>
    public static IReadOnlyList<AuditDetail> Details(string? oldJson, string? newJson, IStringLocalizer text, AuditNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lookup = names ?? AuditNames.None;
        using var oldDocument = Parse(oldJson);
        using var newDocument = Parse(newJson);
        var before = oldDocument?.RootElement is { ValueKind: JsonValueKind.Object } o ? o : (JsonElement?)null;
        var after = newDocument?.RootElement is { ValueKind: JsonValueKind.Object } n ? n : (JsonElement?)null;
        var fields = new List<string>();
        foreach (var element in new[] { before, after })
        {
            if (element is { } e)
            {
                fields.AddRange(e.EnumerateObject().Select(p => p.Name).Where(p => !Hidden.Contains(p) && !fields.Contains(p)));
            }
        }

        var details = new List<AuditDetail>();
        foreach (var name in fields)
        {
            var oldText = Show(before, name, text, lookup);
            var newText = Show(after, name, text, lookup);
            if (oldText != newText)
            {
                details.Add(new AuditDetail(FieldName(name, text), oldText, newText));
            }
        }

        return details;
    }

    /// <summary>A stored value (JSON) as one short line: its fields by name, for the review's list of changes and the workbook.</summary>
    public static string Summary(string? json, IStringLocalizer text, AuditNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lookup = names ?? AuditNames.None;
        using var document = Parse(json);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return "–";
        }

        var parts = new List<string>();
        if (Text(root, "value") is { } value)
        {
            parts.Add(value);
        }

        foreach (var property in root.EnumerateObject())
        {
            if (property.Name == "value" || Hidden.Contains(property.Name) || property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            parts.Add($"{FieldName(property.Name, text)}: {Show(root, property.Name, text, lookup)}");
        }

        var line = parts.Count == 0 ? "–" : string.Join(" · ", parts);
        return line.Length > 240 ? line[..240] + "…" : line;
    }

    private static string IndicatorLabel(string key, AuditNames names) =>
        names.Indicator(key) ?? (key.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? key[(colon + 1)..] : key);

    private static string TargetLabel(string target, AuditNames names, IStringLocalizer text)
    {
        if (Guid.TryParse(target, out _))
        {
            return names.Programme(target) is { } programme ? text["Audit.Programme", programme].Value : text["Audit.AProgramme"].Value;
        }

        return IndicatorLabel(target, names);
    }

    private static string FieldName(string name, IStringLocalizer text)
    {
        var found = text["Audit.Field." + name];
        if (!found.ResourceNotFound)
        {
            return found.Value;
        }

        var known = Messages.Field(name);
        return known == name ? name.Replace('_', ' ') : known;
    }

    private static string Show(JsonElement? element, string name, IStringLocalizer text, AuditNames names)
    {
        if (element is not { } e || !e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return "–";
        }

        // Codes people do not read (dimension, element, unit) are shown by their names where known.
        Func<string, string?>? named = name switch
        {
            "dimension" or "element" => names.Dimension,
            "unit" or "co_units" or "owner_unit" => names.Unit,
            "category" or "impact_area" or "treatment_option" => names.RiskCode,
            _ => null,
        };
        if (named is not null && value.ValueKind == JsonValueKind.String && value.GetString() is { } code)
        {
            return named(code) ?? code;
        }

        if (named is not null && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String))
        {
            return Shorten(string.Join(", ", value.EnumerateArray().Select(v => named(v.GetString()!) ?? v.GetString())));
        }

        return value.ValueKind switch
        {
            // Years (start_year, source_year) are written without a thousands separator.
            JsonValueKind.Number when name.EndsWith("year", StringComparison.Ordinal) && value.TryGetInt32(out var year) => year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonValueKind.Number => Format.Number(value.GetDecimal(), 2),
            JsonValueKind.True => text["Audit.Yes"].Value,
            JsonValueKind.False => text["Audit.No"].Value,
            JsonValueKind.Array when value.GetArrayLength() == 0 => "–",
            JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) => Shorten(string.Join(", ", value.EnumerateArray().Select(v => v.GetString()))),
            JsonValueKind.Array => text["Audit.Items", value.GetArrayLength()].Value,
            JsonValueKind.Object => text["Audit.Items", value.EnumerateObject().Count()].Value,
            _ => StateText(name, value.GetString() ?? string.Empty, text),
        };
    }

    private static string Shorten(string value) => value.Length > 160 ? value[..160] + "…" : value;

    private static string StateText(string field, string value, IStringLocalizer text)
    {
        var key = field switch
        {
            "status" => "Standing." + value,
            "state" => "Reviews.State." + value,
            "type" => value == "positive" ? "Programmes.RiskPositive" : value == "negative" ? "Programmes.RiskNegative" : null,
            _ => null,
        };
        if (key is not null && text[key] is { ResourceNotFound: false } found)
        {
            return found.Value;
        }

        return value.Length > 160 ? value[..160] + "…" : value;
    }

    private static string? Text(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } e || !e.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => Format.Number(value.GetDecimal(), 2),
            JsonValueKind.String => value.GetString(),
            _ => null,
        };
    }

    private static JsonDocument? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
