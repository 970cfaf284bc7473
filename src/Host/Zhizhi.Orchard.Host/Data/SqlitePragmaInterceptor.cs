using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Zhizhi.Orchard.Host.Data;

/// <summary>
/// Sets per-connection SQLite pragmas once for every physical connection a township's pool opens
/// (a pooled connection keeps them; EF opens and closes the pooled connection several times a request, so
/// the pragmas run only when the underlying handle is new).
/// <list type="bullet">
/// <item><c>busy_timeout</c>: a writer that finds the write lock taken waits inside SQLite, retrying
/// within a millisecond or two. Without it Microsoft.Data.Sqlite retries a busy statement after a fixed
/// 150 ms sleep of the calling thread, so parallel writers to one township queued in 150 ms steps.</item>
/// <item><c>synchronous=NORMAL</c>: in WAL mode a commit is appended to the WAL without an fsync; the WAL
/// is synced at each checkpoint. A process crash loses nothing that was committed (the WAL is in the OS
/// page cache and is replayed on the next open); only a power cut or kernel crash can lose the last
/// commits before a checkpoint, and the database stays consistent either way (SQLite's documented WAL
/// guarantee). With the default FULL every commit waited for the disk while holding the write lock.</item>
/// <item><c>optimize=0x10002</c>: gathers the planner's statistics (ANALYZE) for tables that have none or have
/// changed a lot since; otherwise it does nothing (a full ANALYZE of 100,000 cases took 0.15 s, once; with
/// <c>analysis_limit</c> the sampled statistics could not tell a village from a status and were no help). Without them SQLite picks an
/// index by its shape alone: with 100,000 cases "closed + village + grade" walked the 58,000 closed cases
/// (170 ms) instead of one village's 5,000 (14 ms).</item>
/// </list>
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    /// <summary>The busy timeout matches the connection's <c>Default Timeout</c> (30 s).</summary>
    private const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA optimize = 0x10002;";

    private static readonly ConditionalWeakTable<object, object> Prepared = new();

    public static readonly SqlitePragmaInterceptor Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection, out var handle)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Prepared.AddOrUpdate(handle, handle);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        if (!NeedsPragmas(connection, out var handle)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(ct);
        Prepared.AddOrUpdate(handle, handle);
    }

    private static bool NeedsPragmas(DbConnection connection, out object handle)
    {
        handle = (connection as SqliteConnection)?.Handle!;
        return handle is not null && !Prepared.TryGetValue(handle, out _);
    }
}
