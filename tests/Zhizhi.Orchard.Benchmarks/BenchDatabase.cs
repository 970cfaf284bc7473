using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Zhizhi.Orchard.Benchmarks;

/// <summary>
/// The database a benchmark host runs on: SQLite files under --data (the default), or with
/// <c>--provider postgres</c> a database of its own on the server named by ZHIZHI_TEST_PG
/// (e.g. <c>eval "$(scripts/pg-throwaway.sh env)"</c>).
/// </summary>
internal sealed class BenchDatabase
{
    private BenchDatabase(string provider, string? server, string? database)
    {
        Provider = provider;
        Server = server;
        Database = database;
    }

    public string Provider { get; }

    private string? Server { get; }

    private string? Database { get; }

    public bool IsPostgres => Provider == "postgres";

    public string Label => IsPostgres ? "PostgreSQL" : "SQLite";

    /// <summary>Reads --provider; for PostgreSQL creates <paramref name="database"/> unless it exists.</summary>
    public static async Task<BenchDatabase> FromArgsAsync(string[] args, string database)
    {
        var provider = (BareKestrel.Arg(args, "--provider") ?? "sqlite").ToLowerInvariant();
        if (provider == "sqlite") return new BenchDatabase(provider, null, null);
        if (provider != "postgres") throw new ArgumentException("--provider is sqlite or postgres");
        var server = Environment.GetEnvironmentVariable("ZHIZHI_TEST_PG");
        if (string.IsNullOrWhiteSpace(server))
            throw new InvalidOperationException("--provider postgres needs ZHIZHI_TEST_PG (eval \"$(bash scripts/pg-throwaway.sh env)\")");
        await using var c = new NpgsqlConnection(server);
        await c.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", c);
        exists.Parameters.AddWithValue("n", database);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", c);
            await create.ExecuteNonQueryAsync();
        }
        return new BenchDatabase(provider, server, database);
    }

    public WebApplicationFactory<Program> Factory(string data)
    {
        var factory = ScaleBenchmark.Factory(data);
        if (!IsPostgres) return factory;
        var cs = new NpgsqlConnectionStringBuilder(Server) { Database = Database }.ToString();
        return factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Zhizhi:Database:Provider", "Postgres");
            b.UseSetting("Zhizhi:Database:ConnectionString", cs);
        });
    }

    public async Task DropAsync()
    {
        if (!IsPostgres) return;
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(Server);
        await c.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", c);
        await drop.ExecuteNonQueryAsync();
    }
}
