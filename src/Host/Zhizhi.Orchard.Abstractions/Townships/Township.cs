namespace Zhizhi.Orchard;

public enum TownshipState
{
    Initializing,
    Running,
    Disabled,
}

/// <summary>
/// An immutable snapshot of one tenant's catalog entry. The county host is the tenant named "default".
/// A change to the catalog replaces the snapshot; requests already running keep the one they started with.
/// </summary>
public sealed record Township
{
    public const string HostName = "default";

    public required string Name { get; init; }
    public required string DisplayName { get; init; }
    public TownshipState State { get; init; } = TownshipState.Running;
    public IReadOnlySet<string> Features { get; init; } = new HashSet<string>();
    public string Theme { get; init; } = "Default";
    public IReadOnlyList<string> HostNames { get; init; } = [];
    public TownshipSettings Settings { get; init; } = new();
    public string? ConnectionString { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public long Version { get; init; }

    public bool IsHost => Name == HostName;
    public bool IsEnabled(string featureId) => Features.Contains(featureId);
}

/// <summary>What a township shows about itself: its theme settings and profile.</summary>
public sealed record TownshipSettings
{
    /// <summary>镇, 乡, 街道 ...</summary>
    public string Kind { get; init; } = "镇";
    public string? County { get; init; }
    public string PrimaryColor { get; init; } = "#b91c1c";
    public string AccentColor { get; init; } = "#f59e0b";
    public string? LogoUrl { get; init; }
    public string? Slogan { get; init; }
    public string? About { get; init; }
    public string TimeZone { get; init; } = "Asia/Shanghai";
}

/// <summary>The township the current request or background job works for.</summary>
public interface ITownshipAccessor
{
    Township Current { get; }
}

/// <summary>
/// Background work (indexers, timers, event handlers) runs in a DI scope of its own township, where
/// module DbContexts and <see cref="ITownshipAccessor"/> resolve exactly as in a request.
/// </summary>
public interface ITownshipScopeFactory
{
    Microsoft.Extensions.DependencyInjection.AsyncServiceScope CreateScope(Township township);
}
