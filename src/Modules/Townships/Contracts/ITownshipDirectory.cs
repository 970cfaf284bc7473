namespace Zhizhi.Orchard.Townships.Contracts;

public sealed record VillageInfo(int Id, string Name, string Kind, int Grids);

/// <summary>A grid (网格) of a village and its grid worker.</summary>
public sealed record GridInfo(int Id, string Village, string Name, string? WorkerName, string? WorkerPhone, string? WorkerUserName);

/// <summary>A person in charge in a village and their duty (村支书/主任, 调委会主任, 综治专干 …).</summary>
public sealed record VillagePersonInfo(int Id, string Village, string Name, string Duty, string? Phone, string? UserName);

/// <summary>What other modules may ask about the township's places (disputes, volunteers, bookings).</summary>
public interface ITownshipDirectory
{
    Task<IReadOnlyList<VillageInfo>> VillagesAsync(CancellationToken ct = default);

    /// <summary>The village's grids in the order they were added; empty for an unknown village.</summary>
    Task<IReadOnlyList<GridInfo>> GridsAsync(string village, CancellationToken ct = default);

    /// <summary>The village's people in charge in the order they were added; empty for an unknown village.</summary>
    Task<IReadOnlyList<VillagePersonInfo>> PeopleAsync(string village, CancellationToken ct = default);

    /// <summary>The first person of the village holding <paramref name="duty"/>, or null.</summary>
    Task<VillagePersonInfo?> PersonInChargeAsync(string village, string duty, CancellationToken ct = default);
}
