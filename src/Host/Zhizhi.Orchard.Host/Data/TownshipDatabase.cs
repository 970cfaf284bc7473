using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Zhizhi.Orchard.Data;

namespace Zhizhi.Orchard.Host.Data;

/// <summary>
/// Maps a township to its storage: a SQLite file under the data folder, or a PostgreSQL schema (or
/// database) named after it. The EF model carries no schema, so one model serves every township and
/// PostgreSQL finds the township's tables through the connection's search path.
/// </summary>
internal sealed class TownshipDatabase(ZhizhiOptions options, OutboxInterceptor outbox) : ITownshipDatabase, ITownshipFiles
{
    private SearchPathInterceptor? _searchPath;

    public const string HostSchema = "zhizhi_host";

    public DatabaseProvider Provider => options.Database.Provider;

    public string DataRoot => Path.GetFullPath(options.DataPath);

    public string TownshipFolder(string township) => Path.Combine(DataRoot, "Townships", township);

    public string Folder(Township township, string area)
    {
        var folder = Path.Combine(TownshipFolder(township.Name), area);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public string SchemaName(string township) => "t_" + township.Replace('-', '_');

    private bool SharedPool => Provider == DatabaseProvider.Postgres && !DatabasePerTownship;

    private bool DatabasePerTownship => string.Equals(options.Database.Isolation, "Database", StringComparison.OrdinalIgnoreCase);

    public void Configure(DbContextOptionsBuilder builder, Township township, string migrationsHistoryTable)
    {
        var connectionString = ConnectionString(township);
        if (Provider == DatabaseProvider.Sqlite)
        {
            builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable(migrationsHistoryTable));
            builder.AddInterceptors(SqlitePragmaInterceptor.Instance);
        }
        else
            builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(migrationsHistoryTable, DatabasePerTownship ? "public" : SchemaName(township.Name)));
        builder.AddInterceptors(outbox);
        if (SharedPool) builder.AddInterceptors(_searchPath ??= new SearchPathInterceptor(SchemaName));
    }

    public string ConnectionString(Township township)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            return new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(TownshipFolder(township.Name), "township.db"),
                DefaultTimeout = 30,
                Pooling = true,
            }.ToString();
        }
        var pg = new NpgsqlConnectionStringBuilder(township.ConnectionString ?? ServerConnectionString);
        if (DatabasePerTownship)
        {
            // A database per township cannot share connections: keep each pool small and quick to shrink.
            pg.Database = "zhizhi_" + SchemaName(township.Name);
            pg.MaxPoolSize = 10;
            pg.ConnectionIdleLifetime = 15;
        }
        // Schema per township: the connection string is the server's, so all townships share its pool;
        // SearchPathInterceptor points each opened connection at the township's schema.
        return pg.ToString();
    }

    private string ServerConnectionString => options.Database.ConnectionString
        ?? throw new InvalidOperationException("PostgreSQL 需要配置 Zhizhi:Database:ConnectionString");

    public void ConfigureHost(DbContextOptionsBuilder builder)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(DataRoot);
            var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataRoot, "host.db"), DefaultTimeout = 30 }.ToString();
            builder.UseSqlite(cs, o => o.MigrationsHistoryTable("__host_migrations"));
        }
        else
        {
            var cs = new NpgsqlConnectionStringBuilder(ServerConnectionString) { SearchPath = HostSchema }.ToString();
            builder.UseNpgsql(cs, o => o.MigrationsHistoryTable("__host_migrations", HostSchema));
        }
    }

    public async Task EnsureHostStorageAsync(CancellationToken ct)
    {
        if (Provider == DatabaseProvider.Sqlite) { Directory.CreateDirectory(DataRoot); return; }
        await ExecuteOnServerAsync($"CREATE SCHEMA IF NOT EXISTS {HostSchema}", ct);
    }

    /// <summary>Creates the empty storage of a new township. Fails if it already exists (a leftover is never reused).</summary>
    public async Task ProvisionAsync(Township township, CancellationToken ct)
    {
        Directory.CreateDirectory(TownshipFolder(township.Name));
        if (Provider == DatabaseProvider.Sqlite)
        {
            await using var connection = new SqliteConnection(ConnectionString(township));
            await connection.OpenAsync(ct);
            await using var pragma = connection.CreateCommand();
            // WAL lets readers and a writer work at once; the setting is stored in the file.
            pragma.CommandText = "PRAGMA journal_mode=WAL;";
            await pragma.ExecuteNonQueryAsync(ct);
            return;
        }
        if (DatabasePerTownship)
            await ExecuteOnServerAsync($"CREATE DATABASE \"zhizhi_{SchemaName(township.Name)}\"", ct, township.ConnectionString);
        else
            await ExecuteOnServerAsync($"CREATE SCHEMA \"{SchemaName(township.Name)}\"", ct, township.ConnectionString);
    }

    /// <summary>
    /// Closes the township's pooled connections (an idle township should hold no file handles, page
    /// caches or server connections). The next use opens new ones.
    /// </summary>
    public void Release(Township township)
    {
        if (Provider == DatabaseProvider.Sqlite) SqliteConnection.ClearPool(new SqliteConnection(ConnectionString(township)));
        else if (!SharedPool) NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(township)));
    }

    /// <summary>Removes every trace of a township's storage (used to undo a failed creation).</summary>
    public async Task DropAsync(Township township, CancellationToken ct)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearPool(new SqliteConnection(ConnectionString(township)));
        }
        else
        {
            if (!SharedPool) NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString(township)));
            if (DatabasePerTownship)
                await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"zhizhi_{SchemaName(township.Name)}\" WITH (FORCE)", ct, township.ConnectionString);
            else
                await ExecuteOnServerAsync($"DROP SCHEMA IF EXISTS \"{SchemaName(township.Name)}\" CASCADE", ct, township.ConnectionString);
        }
        var folder = TownshipFolder(township.Name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private async Task ExecuteOnServerAsync(string sql, CancellationToken ct, string? server = null)
    {
        await using var connection = new NpgsqlConnection(server ?? ServerConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
