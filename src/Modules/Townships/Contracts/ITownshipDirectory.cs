namespace Zhizhi.Orchard.Townships.Contracts;

public sealed record VillageInfo(int Id, string Name, string Kind, int Grids);

/// <summary>What other modules may ask about the township's places (disputes, volunteers, bookings).</summary>
public interface ITownshipDirectory
{
    Task<IReadOnlyList<VillageInfo>> VillagesAsync(CancellationToken ct = default);
}
