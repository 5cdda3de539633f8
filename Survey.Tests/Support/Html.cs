using System.Net;
using System.Text.RegularExpressions;

namespace Survey.Tests.Support;

/// <summary>Small helpers to read server-rendered pages in HTTP tests.</summary>
public static partial class Html
{
    /// <summary>The anti-forgery token of the first form on the page.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.That(match.Success, Is.True, "no __RequestVerificationToken on the page");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The text of the first h1 element.</summary>
    public static string Heading(string html)
    {
        var match = H1Pattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(TagPattern().Replace(match.Groups[1].Value, string.Empty)).Trim() : string.Empty;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<h1[^>]*>(.*?)</h1>", RegexOptions.Singleline)]
    private static partial Regex H1Pattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
