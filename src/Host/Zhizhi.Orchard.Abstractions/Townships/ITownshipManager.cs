namespace Zhizhi.Orchard;

public sealed record CreateTownshipRequest(
    string Name,
    string DisplayName,
    string AdminUserName,
    string AdminPassword,
    string? Recipe = null,
    IReadOnlyList<string>? Features = null,
    IReadOnlyList<string>? HostNames = null,
    TownshipSettings? Settings = null);

/// <summary>Outcome of a catalog operation: either a township or the Chinese reasons it was refused.</summary>
public sealed record TownshipResult(Township? Township, int Status, string? Detail, IDictionary<string, string[]>? Errors = null)
{
    public bool Succeeded => Township is not null;
    public static TownshipResult Ok(Township t) => new(t, 200, null);
    public static TownshipResult Fail(int status, string detail, IDictionary<string, string[]>? errors = null) => new(null, status, detail, errors);
}

/// <summary>Creates and changes townships. Implemented by the host; used by the county admin module.</summary>
public sealed record RecipeInfo(string Name, string DisplayName, string? Description);

public interface ITownshipManager
{
    IReadOnlyList<RecipeInfo> Recipes { get; }
    IReadOnlyList<Theming.ThemeDescriptor> PublicThemes { get; }
    IReadOnlyList<Township> List();
    Township? Find(string name);
    Task<TownshipResult> CreateAsync(CreateTownshipRequest request, CancellationToken ct = default);
    Task<TownshipResult> ChangeFeaturesAsync(string name, IReadOnlyList<string> enable, IReadOnlyList<string> disable, CancellationToken ct = default);
    Task<TownshipResult> SetStateAsync(string name, bool enabled, CancellationToken ct = default);
    Task<TownshipResult> UpdateAsync(string name, string? displayName, string? theme, TownshipSettings? settings, IReadOnlyList<string>? hostNames, CancellationToken ct = default);
}
