using Npgsql;
using Survey.Domain.Regions;

namespace Survey.Tests.Support;

/// <summary>The regions most web tests start from.</summary>
public static class TestWorld
{
    public static readonly Region Tuban = new("3523", "Kabupaten Tuban", RegionKind.Kabupaten, "Jawa Timur");

    public static readonly Region Surabaya = new("3578", "Kota Surabaya", RegionKind.Kota, "Jawa Timur");

    /// <summary>Adds <paramref name="regions"/> (Tuban and Surabaya when none are given).</summary>
    public static async Task SeedRegionsAsync(string connectionString, params Region[] regions)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new Survey.Data.Regions.RegionRepository(dataSource).ImportAsync(regions.Length == 0 ? [Tuban, Surabaya] : regions, CancellationToken.None);
    }
}
