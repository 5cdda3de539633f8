using Survey.Domain.Common;

namespace Survey.Domain.Accounts;

/// <summary>
/// Who may read or change the data of a scope: an administrator everything; an evaluator reads every scope; a
/// regional coordinator reads and changes the scopes of their own region only.
/// </summary>
public static class ScopeAccess
{
    /// <summary>Whether a user of <paramref name="role"/> bound to <paramref name="userRegion"/> may read (or, with <paramref name="write"/>, change) <paramref name="scope"/>.</summary>
    public static bool Allows(string? role, string? userRegion, Scope scope, bool write) =>
        role == UserRoles.Admin
        || (!write && role == UserRoles.Evaluator)
        || (role == UserRoles.Coordinator && OwnRegion(userRegion, scope))
        || (!write && role == UserRoles.UnitOperator && OwnRegion(userRegion, scope));

    /// <summary>
    /// Whether the user may do a unit's work in the scope: what a coordinator may change, and for a unit operator of
    /// the region, the use case then limits it to the operator's own unit (its programmes, its assigned indicators).
    /// </summary>
    public static bool AllowsUnitWork(string? role, string? userRegion, Scope scope) =>
        Allows(role, userRegion, scope, write: true) || (role == UserRoles.UnitOperator && OwnRegion(userRegion, scope));

    private static bool OwnRegion(string? userRegion, Scope scope) =>
        !string.IsNullOrEmpty(userRegion) && string.Equals(userRegion, scope.Region, StringComparison.Ordinal);
}
