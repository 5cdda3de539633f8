using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Survey.Domain.Accounts;
using Survey.Domain.Common;
using Survey.Domain.Regions;

namespace Survey.Web.Infrastructure.Security;

/// <summary>Creating users and checking credentials: one way for pages, the API, commands and demo data.</summary>
public sealed class AccountService(UserManager<AppUser> users, IRegionRepository regions, Survey.Domain.Units.IUnitRepository units, IAccountRepository accounts)
{
    /// <summary>Creates a user; the result's errors are keyed by field (email, name, role, region, password).</summary>
    public async Task<(AppUser? User, Dictionary<string, string[]> Errors)> CreateAsync(NewUser input, Guid? actorId, string? address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        var result = await new NewUserValidator().ValidateAsync(input, cancellationToken);
        foreach (var group in result.Errors.GroupBy(e => e.PropertyName.ToLowerInvariant()))
        {
            errors[group.Key] = group.Select(e => e.ErrorMessage).ToArray();
        }

        if (input.Role is UserRoles.Coordinator or UserRoles.UnitOperator && !string.IsNullOrWhiteSpace(input.Region) && !errors.ContainsKey("region")
            && await regions.FindAsync(input.Region.Trim(), cancellationToken) is null)
        {
            errors["region"] = [Messages.Get("RegionUnknown", input.Region.Trim())];
        }

        var unitCode = Survey.Domain.Units.UnitInput.Normalize(input.Unit);
        if (input.Role == UserRoles.UnitOperator && unitCode is not null && !errors.ContainsKey("region") && !errors.ContainsKey("unit")
            && await units.FindAsync(input.Region!.Trim(), unitCode, cancellationToken) is not { Active: true })
        {
            errors["unit"] = [Messages.Get("ProgrammeUnit", unitCode)];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var user = new AppUser
        {
            Email = input.Email!.Trim(),
            Name = input.Name!.Trim(),
            Role = input.Role!,
            RegionCode = input.Role is UserRoles.Coordinator or UserRoles.UnitOperator ? input.Region!.Trim() : null,
            UnitCode = input.Role == UserRoles.UnitOperator ? unitCode : null,
            MustChangePassword = input.MustChangePassword,
        };
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : "user";
                errors[field] = [.. errors.GetValueOrDefault(field, []), error.Description];
            }

            return (null, errors);
        }

        await accounts.RecordAsync(SignInEvents.UserCreated, user.Id, actorId, user.Email, address, new { user.Role, region = user.RegionCode }, cancellationToken);
        return (user, errors);
    }
}

/// <summary>A user to create, as typed or sent.</summary>
public sealed record NewUser(string? Email, string? Name, string? Role, string? Region, string? Password, bool MustChangePassword = false, string? Unit = null);

/// <summary>The field rules of a new user (the password policy itself is Identity's).</summary>
public sealed class NewUserValidator : AbstractValidator<NewUser>
{
    public NewUserValidator()
    {
        RuleFor(u => u.Email).NotEmpty().WithMessage(_ => Messages.Get("Required", Messages.Field("email")))
            .EmailAddress().WithMessage(_ => Messages.Get("EmailInvalid"))
            .MaximumLength(200).WithMessage(_ => Messages.Get("TooLong", Messages.Field("email"), 200));
        RuleFor(u => u.Name).NotEmpty().WithMessage(_ => Messages.Get("Required", Messages.Field("name")))
            .MaximumLength(120).WithMessage(_ => Messages.Get("TooLong", Messages.Field("name"), 120));
        RuleFor(u => u.Role).Must(r => r is not null && UserRoles.All.Contains(r)).WithMessage(_ => Messages.Get("UserRole"));
        RuleFor(u => u.Region).NotEmpty().When(u => u.Role is UserRoles.Coordinator or UserRoles.UnitOperator).WithMessage(_ => Messages.Get("CoordinatorNeedsRegion"));
        RuleFor(u => u.Unit).NotEmpty().When(u => u.Role == UserRoles.UnitOperator).WithMessage(_ => Messages.Get("OperatorNeedsUnit"));
        RuleFor(u => u.Unit).Empty().When(u => u.Role != UserRoles.UnitOperator).WithMessage(_ => Messages.Get("OnlyOperatorsHaveUnit"));
        RuleFor(u => u.Region).Empty().When(u => u.Role is UserRoles.Admin or UserRoles.Evaluator).WithMessage(_ => Messages.Get("OnlyCoordinatorsHaveRegion"));
        RuleFor(u => u.Password).NotEmpty().WithMessage(_ => Messages.Get("Required", Messages.Field("password")));
    }
}
