using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.DataFiles;
using Survey.Domain.Methodology;

namespace Survey.Data.Catalogue;

/// <summary>Stores and reads the catalogue and the methodology revisions.</summary>
public sealed class CatalogueRepository(NpgsqlDataSource dataSource) : ICatalogueRepository
{
    // Stored methodology revisions never change, so a revision read once is kept; the catalogue is kept
    // until its content hash in the database changes.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, int), StoredMethodology> _revisions = new();
    private volatile CachedCatalogue? _catalogue;

    private const string CatalogueSql = """
        SELECT code, standard, edition, title_id, title_en, content_hash FROM catalogue ORDER BY code LIMIT 1
        """;

    private const string ThemesSql = """
        SELECT code, clause, name_id, name_en FROM theme WHERE catalogue_code = @Code ORDER BY clause
        """;

    private const string IndicatorsSql = """
        SELECT key, clause, theme_code, title_id, title_en, unit_id, unit_en, kind, factor,
               numerator_id, numerator_en, denominator_id, denominator_en, confirmed_by_source
        FROM indicator
        WHERE catalogue_code = @Code AND retired_at IS NULL
        ORDER BY sort_order
        """;

    private const string MethodologySql = """
        SELECT id, version, revision, content_hash, loaded_at, definition::text AS definition
        FROM methodology_version
        WHERE version = @Version AND (@Revision IS NULL OR revision = @Revision)
        ORDER BY revision DESC
        LIMIT 1
        """;

    private const string ListMethodologiesSql = """
        SELECT id, version, revision, content_hash, loaded_at
        FROM methodology_version
        ORDER BY version, revision DESC
        """;

    private const string LockSql = "SELECT pg_advisory_xact_lock(hashtext('survey.catalogue.sync'))";

    private const string CatalogueHashSql = "SELECT content_hash FROM catalogue WHERE code = @Code";

    private const string UpsertCatalogueSql = """
        INSERT INTO catalogue (code, standard, edition, title_id, title_en, content_hash, synced_at)
        VALUES (@Code, @Standard, @Edition, @TitleId, @TitleEn, @ContentHash, now())
        ON CONFLICT (code) DO UPDATE SET standard = EXCLUDED.standard, edition = EXCLUDED.edition,
            title_id = EXCLUDED.title_id, title_en = EXCLUDED.title_en,
            content_hash = EXCLUDED.content_hash, synced_at = EXCLUDED.synced_at
        """;

    private const string UpsertThemeSql = """
        INSERT INTO theme (catalogue_code, code, clause, name_id, name_en)
        VALUES (@CatalogueCode, @Code, @Clause, @NameId, @NameEn)
        ON CONFLICT (catalogue_code, code) DO UPDATE SET clause = EXCLUDED.clause,
            name_id = EXCLUDED.name_id, name_en = EXCLUDED.name_en
        """;

    private const string UpsertIndicatorSql = """
        INSERT INTO indicator (key, catalogue_code, clause, theme_code, sort_order, title_id, title_en, unit_id, unit_en,
                               kind, factor, numerator_id, numerator_en, denominator_id, denominator_en, confirmed_by_source, retired_at)
        VALUES (@Key, @CatalogueCode, @Clause, @ThemeCode, @SortOrder, @TitleId, @TitleEn, @UnitId, @UnitEn,
                @Kind, @Factor, @NumeratorId, @NumeratorEn, @DenominatorId, @DenominatorEn, @Confirmed, NULL)
        ON CONFLICT (key) DO UPDATE SET clause = EXCLUDED.clause, theme_code = EXCLUDED.theme_code,
            sort_order = EXCLUDED.sort_order, title_id = EXCLUDED.title_id, title_en = EXCLUDED.title_en,
            unit_id = EXCLUDED.unit_id, unit_en = EXCLUDED.unit_en, kind = EXCLUDED.kind, factor = EXCLUDED.factor,
            numerator_id = EXCLUDED.numerator_id, numerator_en = EXCLUDED.numerator_en,
            denominator_id = EXCLUDED.denominator_id, denominator_en = EXCLUDED.denominator_en,
            confirmed_by_source = EXCLUDED.confirmed_by_source, retired_at = NULL
        """;

    private const string RetireSql = """
        UPDATE indicator SET retired_at = now()
        WHERE catalogue_code = @Code AND retired_at IS NULL AND NOT (key = ANY(@Keys))
        """;

    private const string MethodologyExistsSql = """
        SELECT EXISTS (SELECT 1 FROM methodology_version WHERE version = @Version AND content_hash = @ContentHash)
        """;

    // The definition is the methodology's one form: the engine, the review queue (through the views of migration
    // 0023) and the pages all read it.
    private const string InsertMethodologySql = """
        INSERT INTO methodology_version (version, revision, content_hash, catalogue_code, definition)
        SELECT @Version, COALESCE(max(revision), 0) + 1, @ContentHash, @CatalogueCode, @Definition::jsonb
        FROM methodology_version WHERE version = @Version
        RETURNING id, revision
        """;

    /// <inheritdoc />
    public async Task<IndicatorCatalogue?> GetCatalogueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var head = await connection.QuerySingleOrDefaultAsync<CatalogueRow>(new CommandDefinition(CatalogueSql, cancellationToken: cancellationToken));
        if (head is null)
        {
            return null;
        }

        if (_catalogue is { } cached && cached.ContentHash == head.ContentHash)
        {
            return cached.Catalogue;
        }

        var themes = await connection.QueryAsync<ThemeRow>(new CommandDefinition(ThemesSql, new { head.Code }, cancellationToken: cancellationToken));
        var indicators = await connection.QueryAsync<IndicatorRow>(new CommandDefinition(IndicatorsSql, new { head.Code }, cancellationToken: cancellationToken));
        var catalogue = new IndicatorCatalogue(
            head.Code,
            head.Standard,
            head.Edition,
            new LocalizedText(head.TitleId, head.TitleEn),
            themes.Select(t => new Theme(t.Code, t.Clause, new LocalizedText(t.NameId, t.NameEn))).ToList(),
            indicators.Select(ToIndicator).ToList());
        _catalogue = new CachedCatalogue(head.ContentHash, catalogue);
        return catalogue;
    }

    /// <inheritdoc />
    public async Task<StoredMethodology?> GetMethodologyAsync(string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        var (label, revision) = SplitLabel(version);
        if (label is null)
        {
            return null;
        }

        if (revision is { } exact && _revisions.TryGetValue((label, exact), out var known))
        {
            return known;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<MethodologyRow>(
            new CommandDefinition(MethodologySql, new { Version = label, Revision = revision }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var stored = new StoredMethodology(row.Id, row.Version, row.Revision, row.ContentHash, new DateTimeOffset(row.LoadedAt, TimeSpan.Zero),
            JsonSerializer.Deserialize<ScoringMethodology>(row.Definition, ContentHash.JsonOptions)!);
        return _revisions.GetOrAdd((row.Version, row.Revision), stored);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredMethodologySummary>> ListMethodologiesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<MethodologySummaryRow>(new CommandDefinition(ListMethodologiesSql, cancellationToken: cancellationToken));
        return rows.Select(r => new StoredMethodologySummary(r.Id, r.Version, r.Revision, r.ContentHash, new DateTimeOffset(r.LoadedAt, TimeSpan.Zero))).ToList();
    }

    /// <inheritdoc />
    public async Task<SyncResult> SyncAsync(IndicatorData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Several app instances may start at once: one syncs, the others then find nothing to do.
        await connection.ExecuteAsync(new CommandDefinition(LockSql, transaction: transaction, cancellationToken: cancellationToken));

        var catalogueChanged = await SyncCatalogueAsync(connection, transaction, data.Catalogue, cancellationToken);
        var added = new List<string>();
        foreach (var methodology in data.Methodologies)
        {
            var label = await SyncMethodologyAsync(connection, transaction, methodology, cancellationToken);
            if (label is not null)
            {
                added.Add(label);
            }
        }

        var questionnaires = new List<string>();
        foreach (var questionnaire in data.Questionnaires)
        {
            if (await SyncQuestionnaireAsync(connection, transaction, questionnaire, cancellationToken) is { } label)
            {
                questionnaires.Add(label);
            }
        }

        var riskCriteria = new List<string>();
        foreach (var criteria in data.RiskCriteria)
        {
            if (await Risks.RiskCriteriaRepository.SyncAsync(connection, transaction, criteria, cancellationToken) is { } label)
            {
                riskCriteria.Add(label);
            }
        }

        // Periods opened before their questionnaire or risk criteria existed get them now (never changed once set).
        await connection.ExecuteAsync(new CommandDefinition(FixQuestionnaireSql, transaction: transaction, cancellationToken: cancellationToken));
        await Risks.RiskCriteriaRepository.FixPeriodsAsync(connection, transaction, cancellationToken);
        // The data files change through deployment, not a user: the audit rows have no actor.
        if (catalogueChanged)
        {
            await Audit.AuditWriter.WriteAsync(connection, transaction, new Audit.AuditEntry(null, null, null, "catalogue", data.Catalogue.Code, "sync", null,
                new { code = data.Catalogue.Code, indicators = data.Catalogue.Indicators.Count, content_hash = Survey.Domain.Common.ContentHash.Of(data.Catalogue) }), cancellationToken);
        }

        foreach (var label in added)
        {
            await Audit.AuditWriter.WriteAsync(connection, transaction, new Audit.AuditEntry(null, null, null, "methodology", label, "revision", null, new { revision = label }), cancellationToken);
        }

        foreach (var label in questionnaires)
        {
            await Audit.AuditWriter.WriteAsync(connection, transaction, new Audit.AuditEntry(null, null, null, "questionnaire", label, "revision", null, new { revision = label }), cancellationToken);
        }

        foreach (var label in riskCriteria)
        {
            await Audit.AuditWriter.WriteAsync(connection, transaction, new Audit.AuditEntry(null, null, null, "risk_criteria", label, "revision", null, new { revision = label }), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new SyncResult(catalogueChanged, added) { NewQuestionnaires = questionnaires, NewRiskCriteria = riskCriteria };
    }

    private static async Task<bool> SyncCatalogueAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IndicatorCatalogue catalogue, CancellationToken ct)
    {
        var hash = ContentHash.Of(catalogue);
        var stored = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(CatalogueHashSql, new { catalogue.Code }, transaction, cancellationToken: ct));
        if (stored == hash)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(UpsertCatalogueSql, new
        {
            catalogue.Code,
            catalogue.Standard,
            catalogue.Edition,
            TitleId = catalogue.Title.Id,
            TitleEn = catalogue.Title.En,
            ContentHash = hash,
        }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(UpsertThemeSql, catalogue.Themes.Select(t => new
        {
            CatalogueCode = catalogue.Code,
            t.Code,
            t.Clause,
            NameId = t.Name.Id,
            NameEn = t.Name.En,
        }), transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(UpsertIndicatorSql, catalogue.Indicators.Select((i, index) => new
        {
            i.Key,
            CatalogueCode = catalogue.Code,
            i.Clause,
            i.ThemeCode,
            SortOrder = index,
            TitleId = i.Title.Id,
            TitleEn = i.Title.En,
            UnitId = i.Unit.Id,
            UnitEn = i.Unit.En,
            Kind = IndicatorKinds.NameOf(i.Kind),
            i.Factor,
            NumeratorId = i.Numerator.Id,
            NumeratorEn = i.Numerator.En,
            DenominatorId = i.Denominator.Id,
            DenominatorEn = i.Denominator.En,
            Confirmed = i.ConfirmedByPublicSource,
        }), transaction, cancellationToken: ct));
        // Indicators that left the catalogue stay for the values that refer to them, marked retired.
        await connection.ExecuteAsync(new CommandDefinition(RetireSql, new { catalogue.Code, Keys = catalogue.Indicators.Select(i => i.Key).ToArray() }, transaction, cancellationToken: ct));
        return true;
    }

    private static async Task<string?> SyncMethodologyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ScoringMethodology methodology, CancellationToken ct)
    {
        var json = ContentHash.CanonicalJson(methodology);
        var hash = ContentHash.OfText(json);
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(MethodologyExistsSql, new { methodology.Version, ContentHash = hash }, transaction, cancellationToken: ct)))
        {
            return null;
        }

        var (_, revision) = await connection.QuerySingleAsync<(int, int)>(new CommandDefinition(InsertMethodologySql, new
        {
            methodology.Version,
            ContentHash = hash,
            methodology.CatalogueCode,
            Definition = json,
        }, transaction, cancellationToken: ct));
        return $"{methodology.Version}.{revision.ToString(CultureInfo.InvariantCulture)}";
    }

    private const string FixQuestionnaireSql = """
        UPDATE period p SET questionnaire_version_id =
            (SELECT q.id FROM questionnaire_version q WHERE q.version = p.questionnaire ORDER BY q.revision DESC LIMIT 1)
        WHERE p.status <> 'draft' AND p.questionnaire_version_id IS NULL
        """;

    private const string QuestionnaireExistsSql = "SELECT EXISTS (SELECT 1 FROM questionnaire_version WHERE version = @Version AND content_hash = @ContentHash)";

    private const string InsertQuestionnaireSql = """
        INSERT INTO questionnaire_version (version, revision, content_hash, definition)
        SELECT @Version, COALESCE(max(revision), 0) + 1, @ContentHash, @Definition::jsonb
        FROM questionnaire_version WHERE version = @Version
        RETURNING revision
        """;

    private static async Task<string?> SyncQuestionnaireAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Domain.Surveys.Questionnaire questionnaire, CancellationToken ct)
    {
        var json = ContentHash.CanonicalJson(questionnaire);
        var hash = ContentHash.OfText(json);
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(QuestionnaireExistsSql, new { questionnaire.Version, ContentHash = hash }, transaction, cancellationToken: ct)))
        {
            return null;
        }

        var revision = await connection.ExecuteScalarAsync<int>(new CommandDefinition(InsertQuestionnaireSql, new { questionnaire.Version, ContentHash = hash, Definition = json }, transaction, cancellationToken: ct));
        return $"{questionnaire.Version}.{revision.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Splits <c>v1</c> or <c>v1.2</c> into the version and the optional revision.</summary>
    internal static (string? Version, int? Revision) SplitLabel(string label)
    {
        var parts = label.Trim().Split('.');
        if (parts.Length == 1)
        {
            return (parts[0], null);
        }

        return parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? (parts[0], revision)
            : (null, null);
    }

    private static Indicator ToIndicator(IndicatorRow r)
    {
        if (!IndicatorKinds.TryParse(r.Kind, out var kind))
        {
            throw new InvalidOperationException($"indicator {r.Key} has the unknown kind '{r.Kind}'");
        }

        return new Indicator(r.Key, r.Clause, r.ThemeCode, new LocalizedText(r.TitleId, r.TitleEn), new LocalizedText(r.UnitId, r.UnitEn),
            kind, r.Factor, new LocalizedText(r.NumeratorId, r.NumeratorEn), new LocalizedText(r.DenominatorId, r.DenominatorEn), r.ConfirmedBySource);
    }

    private sealed record CachedCatalogue(string ContentHash, IndicatorCatalogue Catalogue);

    private sealed record CatalogueRow(string Code, string Standard, string Edition, string TitleId, string TitleEn, string ContentHash);

    private sealed record ThemeRow(string Code, int Clause, string NameId, string NameEn);

    private sealed record IndicatorRow(string Key, string Clause, string ThemeCode, string TitleId, string TitleEn, string UnitId, string UnitEn,
        string Kind, decimal Factor, string NumeratorId, string NumeratorEn, string DenominatorId, string DenominatorEn, bool ConfirmedBySource);

    private sealed record MethodologyRow(int Id, string Version, int Revision, string ContentHash, DateTime LoadedAt, string Definition);

    private sealed record MethodologySummaryRow(int Id, string Version, int Revision, string ContentHash, DateTime LoadedAt);
}
