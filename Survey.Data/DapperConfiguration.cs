using System.Data;
using System.Runtime.CompilerServices;
using Dapper;

namespace Survey.Data;

/// <summary>Dapper's global settings, applied once when this assembly loads, whoever uses it (app or tests).</summary>
internal static class DapperConfiguration
{
#pragma warning disable CA2255 // The data layer owns Dapper's global mapping rules; they must hold before any repository runs.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Configure()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    /// <summary>timestamptz is read as UTC <see cref="DateTime"/> by Npgsql; the domain speaks <see cref="DateTimeOffset"/>.</summary>
    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            DateTimeOffset offset => offset,
            _ => throw new DataException($"Cannot read {value.GetType()} as DateTimeOffset."),
        };

        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.UtcDateTime;
    }
}
