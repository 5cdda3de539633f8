using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Survey.Domain.Accounts;

namespace Survey.Web.Infrastructure.Security;

/// <summary>The claims of a signed-in user: id, email, name, role, and the coordinator's region.</summary>
public static class SurveyClaims
{
    public const string Region = "survey:region";
    public const string MustChangePassword = "survey:must_change_password";

    public static string? RegionOf(ClaimsPrincipal user) => user?.FindFirstValue(Region);

    public const string Unit = "survey:unit";

    /// <summary>The unit of a unit operator, or <c>null</c> for every other role (who act for the whole region or more).</summary>
    public static string? UnitOf(ClaimsPrincipal user) => user is not null && user.IsInRole(UserRoles.UnitOperator) ? user.FindFirstValue(Unit) : null;

    public static Guid? IdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The claims for <paramref name="user"/> (used by cookies and API tokens alike).</summary>
    public static IEnumerable<Claim> For(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        yield return new Claim(ClaimTypes.NameIdentifier, user.Id.ToString());
        yield return new Claim(ClaimTypes.Name, user.Email);
        yield return new Claim(ClaimTypes.GivenName, user.Name);
        yield return new Claim(ClaimTypes.Role, user.Role);
        if (user.RegionCode is not null)
        {
            yield return new Claim(Region, user.RegionCode);
        }

        if (user.UnitCode is not null)
        {
            yield return new Claim(Unit, user.UnitCode);
        }

        if (user.MustChangePassword)
        {
            yield return new Claim(MustChangePassword, "true");
        }
    }
}

/// <summary>Builds the cookie principal with <see cref="SurveyClaims"/>.</summary>
public sealed class SurveyClaimsPrincipalFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        foreach (var claim in SurveyClaims.For(user).Where(c => !identity.HasClaim(c.Type, c.Value)))
        {
            identity.AddClaim(claim);
        }

        return identity;
    }
}
