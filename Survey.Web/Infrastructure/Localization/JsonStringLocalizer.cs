using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Survey.Web.Infrastructure.Localization;

/// <summary>
/// The UI texts of the product, in one file (<c>Resources/strings.json</c>) with Bahasa Indonesia and
/// English side by side per key, so that a reviewer sees both languages in one diff. Bahasa Indonesia is
/// the fallback for any other UI culture.
/// </summary>
public sealed class UiTexts
{
    public const string Indonesian = "id";
    public const string English = "en";

    private readonly FrozenDictionary<string, FrozenDictionary<string, string>> _texts;

    public UiTexts(IReadOnlyDictionary<string, Dictionary<string, string>> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        _texts = texts.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.ToFrozenDictionary(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>Every key with its texts per language.</summary>
    public IReadOnlyDictionary<string, FrozenDictionary<string, string>> All => _texts;

    /// <summary>The texts shipped with the app.</summary>
    public static UiTexts Shipped { get; } = Load();

    /// <summary>The text of <paramref name="key"/> in the language of <paramref name="culture"/>.</summary>
    public string? Find(string key, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (!_texts.TryGetValue(key, out var byLanguage))
        {
            return null;
        }

        var language = culture.TwoLetterISOLanguageName == English ? English : Indonesian;
        return byLanguage.TryGetValue(language, out var text) ? text : byLanguage.GetValueOrDefault(Indonesian);
    }

    private static UiTexts Load()
    {
        using var stream = typeof(UiTexts).Assembly.GetManifestResourceStream("Survey.Web.Resources.strings.json")
            ?? throw new InvalidOperationException("The embedded resource Resources/strings.json is missing.");
        var texts = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
            ?? throw new InvalidOperationException("Resources/strings.json is empty.");
        return new UiTexts(texts);
    }
}

/// <summary>An <see cref="IStringLocalizer"/> over <see cref="UiTexts"/>; a missing key shows as itself.</summary>
public sealed class JsonStringLocalizer(UiTexts texts) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var text = texts.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, text ?? name, resourceNotFound: text is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var template = this[name];
            // Arguments (numbers, dates) are formatted in the product's number culture (id-ID).
            var value = string.Format(CultureInfo.CurrentCulture, template.Value, arguments);
            return new LocalizedString(name, value, template.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        texts.All.Keys.Select(key => this[key]);
}

/// <summary>Hands out the one <see cref="JsonStringLocalizer"/> for every resource type.</summary>
public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    private readonly JsonStringLocalizer _localizer = new(UiTexts.Shipped);

    public IStringLocalizer Create(Type resourceSource) => _localizer;

    public IStringLocalizer Create(string baseName, string location) => _localizer;
}

/// <summary>The marker type for <c>IStringLocalizer&lt;SharedResource&gt;</c>.</summary>
public sealed class SharedResource;

/// <summary>The shipped UI texts for code outside views (chart titles and text alternatives), in the current UI language.</summary>
public static class UiText
{
    /// <summary>The localizer behind <see cref="Get"/>, for code that takes an <see cref="IStringLocalizer"/>.</summary>
    public static IStringLocalizer Localizer { get; } = new JsonStringLocalizer(UiTexts.Shipped);

    public static string Get(string key, params object[] arguments) =>
        arguments.Length == 0 ? Localizer[key].Value : Localizer[key, arguments].Value;
}
