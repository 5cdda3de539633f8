using FluentValidation;

namespace Survey.Domain.Regions;

/// <summary>A region as typed by a person or read from a file, before validation.</summary>
public sealed record RegionInput(string? Code, string? Name, string? Kind, string? Province)
{
    /// <summary>The region, once <see cref="RegionInputValidator"/> accepted this input.</summary>
    public Region ToRegion(bool isDemo = false)
    {
        if (!RegionKinds.TryParse(Kind, out var kind))
        {
            throw new InvalidOperationException($"'{Kind}' is not a region kind; validate the input first.");
        }

        return new Region(Code!.Trim(), Name!.Trim(), kind, Province!.Trim(), isDemo);
    }
}

/// <summary>The rules of a region: a four-digit BPS code, a name, kabupaten or kota, a province.</summary>
public sealed class RegionInputValidator : AbstractValidator<RegionInput>
{
    public RegionInputValidator()
    {
        RuleFor(r => r.Code).NotEmpty().WithMessage("code is required")
            .Matches("^\\s*[0-9]{4}\\s*$").WithMessage("code must be the four-digit BPS code, e.g. 3523");
        RuleFor(r => r.Name).NotEmpty().WithMessage("name is required")
            .Must(n => n!.Trim().Length is >= 3 and <= 120).When(r => !string.IsNullOrWhiteSpace(r.Name), ApplyConditionTo.CurrentValidator)
            .WithMessage("name must have 3 to 120 characters")
            .Must(n => !n!.Any(char.IsControl)).When(r => !string.IsNullOrWhiteSpace(r.Name), ApplyConditionTo.CurrentValidator)
            .WithMessage("name must not contain control characters");
        RuleFor(r => r.Kind).Must(k => RegionKinds.TryParse(k, out _)).WithMessage("kind must be kabupaten or kota");
        RuleFor(r => r.Province).NotEmpty().WithMessage("province is required")
            .Must(p => p!.Trim().Length is >= 2 and <= 80 && !p.Any(char.IsControl)).When(r => !string.IsNullOrWhiteSpace(r.Province), ApplyConditionTo.CurrentValidator)
            .WithMessage("province must have 2 to 80 characters");
    }
}
