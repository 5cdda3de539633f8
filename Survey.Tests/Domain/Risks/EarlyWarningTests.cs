using Survey.Domain.DataFiles;
using Survey.Domain.Risks;
using Survey.Domain.Submissions;
using Survey.Tests.Support;

namespace Survey.Tests.Domain.Risks;

/// <summary>The early-warning rules against the shipped risk criteria v1 (appetite 11).</summary>
public sealed class EarlyWarningTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly RiskCriteria V1 = RiskCriteriaParser.Parse(
        new DataFile("risk/v1.json", File.ReadAllText(Path.Combine(RepositoryPaths.Indicators, "risk", "v1.json"))), [])!;

    private static readonly Guid RiskId = Guid.NewGuid();
    private static readonly Guid ActionId = Guid.NewGuid();

    private static Programme Programme(int level, params Risk[] risks) =>
        new(Guid.Parse("0b0b0b0b-0000-0000-0000-000000000001"), "governance", "pelayanan-publik", "Desa Digital", null, null, null, null, level, "x", risks);

    private static Risk Risk(int likelihood, int impact, params RiskAction[] actions) =>
        new(RiskId, "Jaringan desa terputus", likelihood, impact, null, null) { Actions = actions };

    private static List<string> Codes(Programme now, Programme? before = null, RiskMonitoring? monitoredNow = null, RiskMonitoring? monitoredBefore = null) =>
        EarlyWarning.Flags(now, before,
            monitoredNow is null ? new Dictionary<Guid, RiskMonitoring>() : new Dictionary<Guid, RiskMonitoring> { [RiskId] = monitoredNow },
            monitoredBefore is null ? new Dictionary<Guid, RiskMonitoring>() : new Dictionary<Guid, RiskMonitoring> { [RiskId] = monitoredBefore },
            V1, Today).Select(f => f.Code).ToList();

    [TestCase(2, 3, false, TestName = "Magnitude 11 at the appetite without an action is flagged")]
    [TestCase(3, 2, true, TestName = "Magnitude 10 below the appetite without an action is not")]
    public void ARiskAboveTheAppetiteWithoutAnAction_IsFlagged(int likelihood, int impact, bool quiet)
    {
        var codes = Codes(Programme(3, Risk(likelihood, impact)));
        Assert.That(codes.Contains(EarlyWarningCodes.Untreated), Is.EqualTo(!quiet));
    }

    [Test]
    public void AnActionPastItsDueDate_IsFlaggedUntilItIsDone()
    {
        var action = new RiskAction(ActionId, "Jalur cadangan", null, "DISKOMINFO", new DateOnly(2026, 11, 30), null);
        var programme = Programme(3, Risk(4, 4, action));
        var inProgress = new RiskMonitoring(RiskId, 4, 4, false, null, false, null, [new ActionProgress(ActionId, ActionStatuses.InProgress, null, null)]);
        var done = inProgress with { Actions = [new ActionProgress(ActionId, ActionStatuses.Done, "Selesai", null)] };
        var dueToday = Programme(3, Risk(4, 4, action with { Due = Today }));
        Assert.Multiple(() =>
        {
            Assert.That(Codes(programme), Is.EqualTo(new[] { EarlyWarningCodes.Overdue }));
            Assert.That(Codes(programme, monitoredNow: inProgress), Is.EqualTo(new[] { EarlyWarningCodes.Overdue }));
            Assert.That(Codes(programme, monitoredNow: done), Is.Empty);
            Assert.That(Codes(dueToday), Is.Empty, "due today is not yet overdue");
        });
    }

    [Test]
    public void ALevelThatRoseSinceLastSemester_IsFlagged_FromTheMonitoredPosition()
    {
        var action = new RiskAction(ActionId, "Jalur cadangan", null, "DISKOMINFO", new DateOnly(2027, 6, 30), null);
        var before = Programme(3, Risk(3, 3, action)); // 14, medium
        var same = Programme(3, Risk(3, 3, action));
        var monitoredHigher = new RiskMonitoring(RiskId, 4, 4, true, "Putus tiga hari", false, null, [new ActionProgress(ActionId, ActionStatuses.InProgress, null, null)]); // 19, high
        var monitoredSameBand = monitoredHigher with { CurrentLikelihood = 2, CurrentImpact = 4 }; // 13, medium
        Assert.Multiple(() =>
        {
            Assert.That(Codes(same, before, monitoredHigher), Is.EqualTo(new[] { EarlyWarningCodes.LevelRose }));
            Assert.That(Codes(same, before, monitoredSameBand), Is.Empty, "13 and 14 are both medium");
            Assert.That(Codes(same, before), Is.Empty);
            Assert.That(EarlyWarning.Flags(same, before, new Dictionary<Guid, RiskMonitoring> { [RiskId] = monitoredHigher }, new Dictionary<Guid, RiskMonitoring>(), V1, Today)[0].Reason,
                Does.Contain("Sedang").And.Contain("Tinggi"));
        });
    }

    [Test]
    public void AMaturityThatFell_IsFlagged_UsingTheVerifiedLevel()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Codes(Programme(2), Programme(3)), Is.EqualTo(new[] { EarlyWarningCodes.MaturityFell }));
            Assert.That(Codes(Programme(3), Programme(3)), Is.Empty);
            Assert.That(Codes(Programme(3), Programme(4) with { VerifiedLevel = 3 }), Is.Empty, "the verified 3 of last semester is the level to keep");
            Assert.That(Codes(Programme(2)), Is.Empty, "a new programme has nothing to fall from");
        });
    }
}
