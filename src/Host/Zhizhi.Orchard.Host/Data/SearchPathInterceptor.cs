using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Zhizhi.Orchard.Data;

namespace Zhizhi.Orchard.Host.Data;

/// <summary>
/// PostgreSQL, one schema per township: every township shares one connection pool, and each connection
/// is pointed at its township's schema when EF opens it. (A search path in the connection string would
/// give every township a pool of its own: a thousand townships would hold a thousand sets of connections.)
/// A context that names no township is refused rather than left on the default schema.
/// </summary>
internal sealed class SearchPathInterceptor(Func<string, string> schemaOf) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Command(connection, eventData.Context);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        await using var command = Command(connection, eventData.Context);
        await command.ExecuteNonQueryAsync(ct);
    }

    private DbCommand Command(DbConnection connection, DbContext? context)
    {
        var township = (context is null ? null : ModuleDbContextTownship.Get(context))
            ?? throw new InvalidOperationException("A module context was opened without a township.");
        var command = connection.CreateCommand();
        // The schema name is derived from a validated township name ([a-z0-9_]), and quoted besides.
        command.CommandText = $"SET search_path TO \"{schemaOf(township)}\"";
        return command;
    }
}
