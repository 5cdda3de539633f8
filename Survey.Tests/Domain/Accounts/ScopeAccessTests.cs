using Survey.Domain.Accounts;
using Survey.Domain.Common;

namespace Survey.Tests.Domain.Accounts;

public sealed class ScopeAccessTests
{
    private static readonly Scope Tuban = new("2026-S2", "3523");

    [TestCase(UserRoles.Admin, null, false, true)]
    [TestCase(UserRoles.Admin, null, true, true)]
    [TestCase(UserRoles.Evaluator, null, false, true)]
    [TestCase(UserRoles.Evaluator, null, true, false)]
    [TestCase(UserRoles.Coordinator, "3523", false, true)]
    [TestCase(UserRoles.Coordinator, "3523", true, true)]
    [TestCase(UserRoles.Coordinator, "3578", false, false)]
    [TestCase(UserRoles.Coordinator, "3578", true, false)]
    [TestCase(UserRoles.Coordinator, null, false, false)]
    [TestCase(null, "3523", false, false)]
    public void WhoMayReadOrChangeAScope(string? role, string? userRegion, bool write, bool allowed) =>
        Assert.That(ScopeAccess.Allows(role, userRegion, Tuban, write), Is.EqualTo(allowed));
}
