using Zhizhi.Orchard.Data;

namespace Zhizhi.Orchard.Host.Data;

/// <summary>Bound from "Zhizhi" configuration.</summary>
public sealed class ZhizhiOptions
{
    public string DataPath { get; set; } = "App_Data";
    public bool Demo { get; set; } = true;
    public DatabaseSettings Database { get; set; } = new();
    public AdminSettings Admin { get; set; } = new();
    /// <summary>Townships idle longer than this lose their in-memory state (caches, activation).</summary>
    public TimeSpan IdleEviction { get; set; } = TimeSpan.FromMinutes(20);
    /// <summary>How often active townships are swept for undelivered events.</summary>
    public TimeSpan OutboxSweep { get; set; } = TimeSpan.FromSeconds(15);
    public LimitSettings Limits { get; set; } = new();
}

public sealed class DatabaseSettings
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string? ConnectionString { get; set; }
    /// <summary>PostgreSQL only: "Schema" (one schema per township, default) or "Database".</summary>
    public string Isolation { get; set; } = "Schema";
}

public sealed class AdminSettings
{
    public string UserName { get; set; } = "admin";
    public string? Password { get; set; }
}

public sealed class LimitSettings
{
    /// <summary>Largest JSON body an API accepts.</summary>
    public long ApiBodyBytes { get; set; } = 1024 * 1024;
    /// <summary>Largest body of any request (uploads).</summary>
    public long MaxBodyBytes { get; set; } = 20 * 1024 * 1024;
}
