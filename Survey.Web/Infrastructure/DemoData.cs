using Survey.Domain.Platform;
using Survey.Domain.Regions;

namespace Survey.Web.Infrastructure;

/// <summary>
/// The demo data that ./run.sh loads (never a production start): a handful of real regions, flagged as
/// demo so that no page presents them as real results. Loading twice changes nothing.
/// </summary>
public static class DemoData
{
    /// <summary>The password of every demo account (README, ./run.sh).</summary>
    public const string Password = "Demo-2026!";

    /// <summary>The e-mail of a demo region's coordinator: tuban@demo.go.id for Kabupaten Tuban.</summary>
    public static string CoordinatorEmail(Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        var name = region.Name.Replace("Kabupaten ", string.Empty, StringComparison.Ordinal).Replace("Kota ", string.Empty, StringComparison.Ordinal);
        return new string(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray()) + "@demo.go.id";
    }

    /// <summary>
    /// On a database without periods: 2026-S1 filled with synthetic data for every demo region, closed and
    /// published (so that scores, rankings and trends have something to show), and 2026-S2 open to try the
    /// form in, with synthetic submissions from the regions other than Tuban and Surabaya.
    /// </summary>
    private static async Task CreateDemoPeriodsAsync(IServiceProvider services, IReadOnlyList<Region> regions, ILogger logger)
    {
        var periods = services.GetRequiredService<Survey.Domain.Periods.IPeriodRepository>();
        if ((await periods.ListAsync(CancellationToken.None)).Count > 0)
        {
            return;
        }

        var generator = new Survey.Data.Generation.SyntheticPeriodGenerator(services.GetRequiredService<Npgsql.NpgsqlDataSource>());
        var published = await DataCommands.EnsureOpenPeriodAsync(services, "2026-S1");
        var (catalogue, methodology, questionnaire) = await DataCommands.DefinitionsAsync(services, published);
        await generator.GenerateAsync(new Survey.Data.Generation.GenerationPlan("2026-S1", regions, 40, 12, Seed: 2026, Status: "approved"), catalogue, methodology.Definition, questionnaire, CancellationToken.None);
        await periods.TransitionAsync("2026-S1", Survey.Domain.Periods.PeriodStatus.Open, Survey.Domain.Periods.PeriodStatus.Closed, null, CancellationToken.None);
        using (var scope = services.CreateScope())
        {
            var scores = await scope.ServiceProvider.GetRequiredService<Survey.Domain.UseCases.ScoreReader>().ComputeAsync(published, methodology, null, CancellationToken.None);
            await services.GetRequiredService<Survey.Domain.Scoring.IScoreRepository>().PublishAsync("2026-S1", methodology.Id, scores, [], "Demo", null, CancellationToken.None);
        }

        var open = await DataCommands.EnsureOpenPeriodAsync(services, "2026-S2");
        var others = regions.Where(r => r.Code is not "3523" and not "3578").ToList();
        await generator.GenerateAsync(new Survey.Data.Generation.GenerationPlan(open.Code, others, 35, 12, Seed: 2027), catalogue, methodology.Definition, questionnaire, CancellationToken.None);
        Log.DemoPeriodsCreated(logger);
    }

    private static async Task CreateDemoAccountsAsync(IServiceProvider services, IReadOnlyList<Region> regions, ILogger logger)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Survey.Domain.Accounts.AppUser>>();
        var accountService = scope.ServiceProvider.GetRequiredService<Security.AccountService>();
        var wanted = new List<Security.NewUser>
        {
            new("admin@demo.go.id", "Admin Demo", Survey.Domain.Accounts.UserRoles.Admin, null, Password),
            new("evaluator@demo.go.id", "Evaluator Demo", Survey.Domain.Accounts.UserRoles.Evaluator, null, Password),
        };
        wanted.AddRange(regions.Select(r => new Security.NewUser(CoordinatorEmail(r), $"Koordinator {r.Name} (demo)", Survey.Domain.Accounts.UserRoles.Coordinator, r.Code, Password)));
        foreach (var user in wanted)
        {
            if (await users.FindByEmailAsync(user.Email!) is null)
            {
                var (created, errors) = await accountService.CreateAsync(user, null, null, CancellationToken.None);
                if (created is null)
                {
                    throw new StartupException($"the demo account {user.Email} could not be created: {string.Join("; ", errors.SelectMany(e => e.Value))}");
                }

                Log.DemoAccountCreated(logger, user.Email!);
            }
        }
    }

    public static async Task LoadAsync(IServiceProvider services, string folder, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        var status = services.GetRequiredService<IStatusRepository>();
        var regionsFile = Path.Combine(folder, "regions.csv");
        var (regions, errors) = RegionCsvParser.Parse(await File.ReadAllTextAsync(regionsFile), isDemo: true);
        if (errors.Count > 0)
        {
            throw new StartupException($"the demo regions file {regionsFile} is invalid: {string.Join("; ", errors)}");
        }

        var repository = services.GetRequiredService<IRegionRepository>();
        var existing = (await repository.ListAsync(CancellationToken.None)).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        // Registry regions nobody evaluates become the demo's (labelled demo); regions an administrator made take
        // part are never claimed, and real regions are never overwritten by demo rows.
        var claimed = await repository.ClaimForDemoAsync(regions.Where(r => existing.Contains(r.Code)).Select(r => r.Code).ToList(), CancellationToken.None);
        var missing = regions.Where(r => !existing.Contains(r.Code)).ToList();
        if (missing.Count > 0)
        {
            await repository.ImportAsync(missing, CancellationToken.None);
        }

        if (missing.Count + claimed > 0)
        {
            Log.DemoDataLoaded(logger, missing.Count + claimed);
        }

        await CreateDemoAccountsAsync(services, regions, logger);
        // Synthetic data only for regions stored as demo, never for a real region with the same code.
        var demoCodes = (await repository.ListAsync(CancellationToken.None)).Where(r => r.IsDemo).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        await CreateDemoPeriodsAsync(services, regions.Where(r => demoCodes.Contains(r.Code)).ToList(), logger);
        if (demoCodes.Contains("3523"))
        {
            await CreateTubanUnitsAsync(services, folder);
            await CreateTubanWorkAsync(services, logger);
        }

        await status.SetSettingAsync(DatabaseStartup.DemoSettingKey, "true", CancellationToken.None);
    }

    /// <summary>
    /// Kabupaten Tuban's units, once: three agencies of the article the platform started from (Diskominfo,
    /// Dispemasdes dan KB, Bappeda) and the 328 villages of its 20 districts from the Kemendagri list
    /// (<c>demo/villages-3523.csv</c>, Kepmendagri 300.2.2-2138/2025), Socorejo among them. The units are real
    /// names; the data entered for them in the demo periods is synthetic.
    /// </summary>
    private static async Task CreateTubanUnitsAsync(IServiceProvider services, string folder)
    {
        var units = services.GetRequiredService<Survey.Domain.Units.IUnitRepository>();
        if ((await units.ListAsync("3523", CancellationToken.None)).Count > 0)
        {
            return;
        }

        Survey.Domain.Units.Unit Agency(string code, string name, string subtype) => new("3523", code, Survey.Domain.Units.UnitKinds.Agency, subtype, name, null, null, true);
        await units.AddAsync(Agency("DISKOMINFO", "Dinas Komunikasi dan Informatika", "dinas"), null, CancellationToken.None);
        await units.AddAsync(Agency("DISPEMASDES-KB", "Dinas Pemberdayaan Masyarakat dan Desa dan Keluarga Berencana", "dinas"), null, CancellationToken.None);
        await units.AddAsync(Agency("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", "badan"), null, CancellationToken.None);
        // The same import a coordinator runs: every row checked, all or nothing.
        using var scope = services.CreateScope();
        var import = await scope.ServiceProvider.GetRequiredService<Survey.Domain.UseCases.UnitsHandler>()
            .ImportVillagesAsync("3523", await File.ReadAllTextAsync(Path.Combine(folder, "villages-3523.csv")), onlyValid: false, actorId: null, CancellationToken.None);
        if (import.Error is not null || import.Rows.Any(r => r.Status == Survey.Domain.Units.VillageRowStatus.Refused))
        {
            throw new StartupException($"the demo village list villages-3523.csv is invalid: {import.Error ?? import.Rows.First(r => r.Message is not null).Message}");
        }
    }

    /// <summary>The demo operator of Tuban's communications agency (unit operator of DISKOMINFO).</summary>
    public const string OperatorEmail = "diskominfo.tuban@demo.go.id";

    /// <summary>
    /// Tuban's units at work in the open demo period, once: an operator account of Diskominfo, the e-government
    /// indicators assigned to Diskominfo, and the Desa Digital programme of Socorejo (its prototype village, with
    /// Diskominfo and Dispemasdes dan KB beside it) replicated in twelve more villages of Jenu district. Entered
    /// through the same use cases a coordinator runs, in the name of Tuban's demo coordinator. Demo data.
    /// </summary>
    private static async Task CreateTubanWorkAsync(IServiceProvider services, ILogger logger)
    {
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        var users = provider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Survey.Domain.Accounts.AppUser>>();
        if (await users.FindByEmailAsync(OperatorEmail) is not null || await users.FindByEmailAsync("tuban@demo.go.id") is not { } coordinator)
        {
            return;
        }

        var context = await provider.GetRequiredService<Survey.Domain.UseCases.ScopeReader>().LoadAsync(new Survey.Domain.Common.Scope("2026-S2", "3523"), CancellationToken.None);
        if (context is null || context.WriteBlock != Survey.Domain.UseCases.EntryBlock.None)
        {
            return;
        }

        var (created, errors) = await provider.GetRequiredService<Security.AccountService>().CreateAsync(
            new Security.NewUser(OperatorEmail, "Operator Diskominfo Tuban (demo)", Survey.Domain.Accounts.UserRoles.UnitOperator, "3523", Password, Unit: "DISKOMINFO"), null, null, CancellationToken.None);
        if (created is null)
        {
            throw new StartupException($"the demo account {OperatorEmail} could not be created: {string.Join("; ", errors.SelectMany(e => e.Value))}");
        }

        Log.DemoAccountCreated(logger, OperatorEmail);
        var actor = coordinator.Id;
        await provider.GetRequiredService<Survey.Domain.UseCases.AssignmentsHandler>().ReplaceAsync(
            context, [("37122:10.1", "DISKOMINFO"), ("37122:10.2", "DISKOMINFO"), ("37122:10.3", "DISKOMINFO"), ("37122:10.4", "DISKOMINFO")], actor, CancellationToken.None);
        var save = provider.GetRequiredService<Survey.Domain.UseCases.SaveProgrammesHandler>();
        string[] jenu = ["35.23.12.2001", "35.23.12.2003", "35.23.12.2004", "35.23.12.2005", "35.23.12.2006", "35.23.12.2007", "35.23.12.2008", "35.23.12.2009", "35.23.12.2010", "35.23.12.2011", "35.23.12.2012", "35.23.12.2016"];
        var desaDigital = new Survey.Domain.Submissions.Programme(
            Guid.Empty, "governance", "pelayanan-publik", "Desa Digital", "Layanan administrasi desa daring, Wi-Fi desa dan sistem informasi desa; purwarupa di Desa Socorejo.",
            null, 2023, 450_000_000m, 3, "Berjalan di Socorejo sejak 2023; layanan surat daring dipakai warga, replikasi bertahap di Kecamatan Jenu.",
            [new Survey.Domain.Submissions.Risk(Guid.Empty, "Jaringan internet desa tidak stabil", 3, 4, "Kerja sama penyedia jaringan dan Wi-Fi cadangan", "Diskominfo")
            {
                Category = "infrastructure",
                ImpactArea = "services",
                Event = "Layanan surat daring desa tidak dapat diakses warga",
                Cause = "Satu penyedia jaringan tanpa jalur cadangan; listrik desa sering padam",
                Consequence = "Warga kembali antre di kantor desa; kepercayaan pada layanan daring turun",
                ExistingControls = "Perjanjian layanan dengan penyedia jaringan",
                TreatmentOption = "mitigate",
                ResidualLikelihood = 2,
                ResidualImpact = 3,
                Actions =
                [
                    new(Guid.Empty, "Pasang jalur internet cadangan di balai desa", "Jalur kedua aktif", "DISKOMINFO", new DateOnly(2026, 10, 31), 35_000_000m),
                    new(Guid.Empty, "Pasang UPS untuk perangkat layanan desa", "UPS terpasang", "35.23.12.2002", new DateOnly(2026, 12, 15), 8_500_000m),
                ],
            }],
            Unit: "35.23.12.2002")
        {
            CoUnits = ["DISKOMINFO", "DISPEMASDES-KB"],
            Replications = jenu.Select((code, i) => new Survey.Domain.Submissions.Replication(code, i < 9 ? new DateOnly(2024, 1 + i, 1) : null,
                i < 9 ? Survey.Domain.Submissions.ReplicationStatuses.Running : Survey.Domain.Submissions.ReplicationStatuses.Planned)).ToList(),
        };
        var satuData = new Survey.Domain.Submissions.Programme(
            Guid.Empty, "governance", "kebijakan-publik", "Satu Data Tuban", "Portal data terbuka kabupaten dan standar data antar-OPD.", null, 2024, 120_000_000m, 2,
            "Portal sudah daring; baru sebagian OPD mengirim data secara berkala.",
            [new Survey.Domain.Submissions.Risk(Guid.Empty, "OPD terlambat mengirim data", 4, 3, "Jadwal rilis data dan forum Satu Data", "Bappeda")
            {
                Category = "data",
                ImpactArea = "performance",
                Event = "Data sektoral tidak terbit sesuai jadwal rilis",
                Cause = "Belum ada walidata pendukung di setiap OPD",
                Consequence = "Portal Satu Data berisi data usang; keputusan memakai data lama",
                TreatmentOption = "mitigate",
                ResidualLikelihood = 2,
                ResidualImpact = 3,
                Actions = [new(Guid.Empty, "Tetapkan walidata pendukung di setiap OPD", "SK Bupati tentang walidata", "BAPPEDA", new DateOnly(2026, 11, 30), null)],
            }],
            Unit: "DISKOMINFO");
        var saved = new List<Survey.Domain.Submissions.Programme>();
        foreach (var programme in new[] { desaDigital, satuData })
        {
            var outcome = await save.SaveAsync(context, programme, new Dictionary<string, string[]>(), [], actor, CancellationToken.None);
            if (!outcome.Succeeded)
            {
                throw new StartupException($"the demo programme {programme.Name} could not be saved: {string.Join("; ", outcome.Errors.SelectMany(e => e.Value))}");
            }

            saved.Add(outcome.Saved!);
        }

        // Two obstacles the region meets, and two recommendations the evaluator wrote last semester (one due now).
        var obstacles = provider.GetRequiredService<Survey.Domain.UseCases.ObstaclesHandler>();
        Survey.Domain.Obstacles.Obstacle[] met =
        [
            new(Guid.Empty, saved[0].Id, "35.23.12.2002", null, "infrastructure", "Sinyal seluler lemah di tiga dusun Socorejo", "Belum ada menara BTS yang menjangkau dusun",
                "Warga dusun tidak dapat memakai layanan surat daring desa", new DateOnly(2025, 8, 1), "Usulan menara BTS ke BAKTI; titik Wi-Fi di balai dusun",
                "Wi-Fi desa di setiap balai dusun sebelum menara berdiri", Survey.Domain.Obstacles.SupportLevels.Ministry, "BAKTI Kementerian Komunikasi dan Digital", "DISKOMINFO",
                new DateOnly(2027, 6, 30), Survey.Domain.Obstacles.ObstacleStatuses.InProgress, null),
            new(Guid.Empty, saved[1].Id, "DISKOMINFO", null, "data", "Walidata pendukung belum ditetapkan di sebagian OPD", "Belum ada SK penunjukan walidata",
                "Data sektoral terbit terlambat di portal Satu Data", new DateOnly(2026, 3, 1), "SK Bupati tentang walidata pendukung", null,
                Survey.Domain.Obstacles.SupportLevels.Region, null, "BAPPEDA", new DateOnly(2026, 11, 30), Survey.Domain.Obstacles.ObstacleStatuses.Open, null),
        ];
        foreach (var obstacle in met)
        {
            var outcome = await obstacles.SaveAsync(context, obstacle, actor, null, null, CancellationToken.None);
            if (outcome.Errors.Count > 0 || outcome.Block != Survey.Domain.UseCases.EntryBlock.None)
            {
                throw new StartupException($"the demo obstacle could not be saved: {string.Join("; ", outcome.Errors.SelectMany(e => e.Value))} {outcome.Block}");
            }
        }

        var previous = await provider.GetRequiredService<Survey.Domain.UseCases.ScopeReader>().LoadAsync(new Survey.Domain.Common.Scope("2026-S1", "3523"), CancellationToken.None);
        if (previous is not null && await users.FindByEmailAsync("evaluator@demo.go.id") is { } evaluator)
        {
            var recommendations = provider.GetRequiredService<Survey.Domain.UseCases.RecommendationsHandler>();
            Survey.Domain.Recommendations.Recommendation[] written =
            [
                new(Guid.Empty, string.Empty, Survey.Domain.Recommendations.Addressees.RegionalHead, "governance", null, null, null,
                    "Tetapkan peraturan bupati tentang masterplan kota cerdas dan dewan kota cerdas", Survey.Domain.Recommendations.Priorities.High, "2026-S2"),
                new(Guid.Empty, string.Empty, "DISKOMINFO", "governance", null, null, null,
                    "Sediakan jalur internet cadangan untuk layanan desa digital di Kecamatan Jenu", Survey.Domain.Recommendations.Priorities.Medium, "2027-S1"),
            ];
            foreach (var recommendation in written)
            {
                await recommendations.AddAsync(previous, recommendation, evaluator.Id, CancellationToken.None);
            }
        }
    }
}
