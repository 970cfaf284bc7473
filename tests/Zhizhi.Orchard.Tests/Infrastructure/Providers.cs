using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Zhizhi.Orchard.Tests.Infrastructure;

public class SqliteHost : ZhizhiHost
{
    public override string Provider => "Sqlite";

    protected override void ConfigureSettings(IWebHostBuilder builder)
        => builder.UseSetting("Zhizhi:Database:Provider", "Sqlite");
}

/// <summary>
/// A host on a real PostgreSQL server (<c>ZHIZHI_TEST_PG</c>), in a database of its own: the host schema
/// is fixed, so two hosts in one database would share their catalog. The database is dropped afterwards.
/// </summary>
public class PostgresHost : ZhizhiHost
{
    private readonly PostgresDatabase _database = new();

    public override string Provider => "Postgres";

    public string ConnectionString => _database.ConnectionString;

    protected override Task PrepareAsync() => _database.PrepareAsync(this);

    protected override Task CleanUpAsync() => _database.DropAsync();

    protected override void ConfigureSettings(IWebHostBuilder builder) => _database.Configure(builder);

    public Task<bool> SchemaExistsAsync(string schema) => _database.SchemaExistsAsync(schema);
}

/// <summary>Creates and drops one throwaway database on the server named by ZHIZHI_TEST_PG.</summary>
public sealed class PostgresDatabase
{
    public const string EnvironmentVariable = "ZHIZHI_TEST_PG";

    private string? _server;
    private string? _name;

    public string ConnectionString { get; private set; } = "";

    public async Task PrepareAsync(ZhizhiHost host)
    {
        _server = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(_server))
        {
            var ci = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
            SetUnavailable(host, ci
                ? $"{EnvironmentVariable} is not set, but CI is: the PostgreSQL tests must run in CI (scripts/test.sh starts a server)."
                : $"PostgreSQL tests skipped: set {EnvironmentVariable} to a server connection string (or run scripts/test.sh, which starts one).", ci);
            return;
        }
        _name = "zz_test_" + Names.Random(10);
        await ExecuteAsync($"CREATE DATABASE \"{_name}\"");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ToString();
    }

    public void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Zhizhi:Database:Provider", "Postgres");
        builder.UseSetting("Zhizhi:Database:ConnectionString", ConnectionString);
    }

    public async Task DropAsync()
    {
        if (_name is null) return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            // Hundreds of township schemas make this slow on a busy machine; the default 30 s once failed the whole
            // assembly's cleanup (and so every PostgreSQL test). The cluster is thrown away after the run anyway.
            await ExecuteAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", timeoutSeconds: 600);
        }
        catch (NpgsqlException ex)
        {
            await Console.Error.WriteLineAsync($"warning: could not drop test database {_name}: {ex.Message}");
        }
        _name = null;
    }

    private async Task ExecuteAsync(string sql, int timeoutSeconds = 30)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = timeoutSeconds };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Whether a schema exists in this database (a township's storage, "t_name").</summary>
    public async Task<bool> SchemaExistsAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.schemata WHERE schema_name = @s", connection);
        command.Parameters.AddWithValue("s", schema);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private static void SetUnavailable(ZhizhiHost host, string reason, bool fail) => host.MarkUnavailable(reason, fail);
}
