using System.Net.Sockets;
using Npgsql;

namespace Survey.Data.Database;

/// <summary>Tells a database that is down or unreachable apart from a bug.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// True when <paramref name="exception"/> (or one of its inner exceptions) says the database cannot be
    /// reached right now: refused or broken connections, an administrator shutdown, a server starting up,
    /// or a connection-pool timeout.
    /// </summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg when IsUnavailableState(pg.SqlState):
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SocketException:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    private static bool IsUnavailableState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) // connection exceptions
        || sqlState is "57P01" or "57P02" or "57P03" or "53300"; // shutdown, crash, starting up, too many connections
}
