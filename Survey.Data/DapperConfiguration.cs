using System.Runtime.CompilerServices;
using Dapper;

namespace Survey.Data;

/// <summary>Dapper's global settings, applied once when this assembly loads, whoever uses it (app or tests).</summary>
internal static class DapperConfiguration
{
#pragma warning disable CA2255 // The data layer owns Dapper's global mapping rule; it must hold before any repository runs.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Configure() => DefaultTypeMap.MatchNamesWithUnderscores = true;
}
