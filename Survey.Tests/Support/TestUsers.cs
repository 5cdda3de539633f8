using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Survey.Domain.Regions;
using Survey.Web.Infrastructure.Security;

namespace Survey.Tests.Support;

/// <summary>Creates uniquely named users in a test app and signs them in, as a person or a script would.</summary>
public static class TestUsers
{
    public const string Password = "Test-Password-2026";

    public static async Task<string> CreateAsync(SurveyWebFactory factory, string role, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var scope = factory.Services.CreateScope();
        if (region is not null)
        {
            var regions = scope.ServiceProvider.GetRequiredService<IRegionRepository>();
            await regions.AddAsync(new Region(region, "Kabupaten Uji " + region, RegionKind.Kabupaten, "Jawa Timur"), CancellationToken.None);
        }

        var email = $"{role}-{Guid.NewGuid():N}@test.go.id";
        var (user, errors) = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateAsync(new NewUser(email, "Pengguna Uji", role, region, Password), null, null, CancellationToken.None);
        Assert.That(user, Is.Not.Null, string.Join("; ", errors.SelectMany(e => e.Value)));
        return email;
    }

    public static async Task<HttpResponseMessage> RequestTokenAsync(HttpClient client, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { email, password });
    }

    public static async Task<string> TokenAsync(HttpClient client, string email, string password = Password)
    {
        using var response = await RequestTokenAsync(client, email, password);
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>An API client with a bearer token of a new user of <paramref name="role"/>.</summary>
    public static async Task<HttpClient> ApiClientAsync(SurveyWebFactory factory, string role, string? region = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var email = await CreateAsync(factory, role, region);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(client, email));
        return client;
    }

    /// <summary>Signs in through the form, as a browser would (anti-forgery token included).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var token = Html.AntiforgeryToken(await client.GetStringAsync(new Uri("/account/login", UriKind.Relative)));
        return await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }
}
