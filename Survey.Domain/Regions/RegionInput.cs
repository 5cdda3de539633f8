using FluentValidation;
using Survey.Domain.Common;

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
        RuleFor(r => r.Code).NotEmpty().WithMessage(_ => Messages.Get("Required", Messages.Field("code")))
            .Matches("^\\s*[0-9]{4}\\s*$").WithMessage(_ => Messages.Get("RegionCode"));
        RuleFor(r => r.Name).NotEmpty().WithMessage(_ => Messages.Get("Required", Messages.Field("name")))
            .Must(n => n!.Trim().Length is >= 3 and <= 120).When(r => !string.IsNullOrWhiteSpace(r.Name), ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => Messages.Get("Length", Messages.Field("name"), 3, 120))
            .Must(n => !n!.Any(char.IsControl)).When(r => !string.IsNullOrWhiteSpace(r.Name), ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => Messages.Get("ControlCharacters", Messages.Field("name")));
        RuleFor(r => r.Kind).Must(k => RegionKinds.TryParse(k, out _)).WithMessage(_ => Messages.Get("RegionKind"));
        RuleFor(r => r.Province).NotEmpty().WithMessage(_ => Messages.Get("Required", Messages.Field("province")))
            .Must(p => p!.Trim().Length is >= 2 and <= 80 && !p.Any(char.IsControl)).When(r => !string.IsNullOrWhiteSpace(r.Province), ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => Messages.Get("Length", Messages.Field("province"), 2, 80));
    }
}
