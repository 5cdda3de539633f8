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
        || (role == UserRoles.Coordinator && !string.IsNullOrEmpty(userRegion) && string.Equals(userRegion, scope.Region, StringComparison.Ordinal));
}
