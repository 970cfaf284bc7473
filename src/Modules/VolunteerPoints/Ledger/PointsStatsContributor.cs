using System.Text.Json.Nodes;
using Zhizhi.Orchard.Statistics;

namespace Zhizhi.Orchard.VolunteerPoints.Ledger;

/// <summary>The "volunteers" and "points" parts of GET /api/stats.</summary>
internal sealed class PointsStatsContributor(PointsStats stats) : IStatsContributor
{
    public async Task<IReadOnlyDictionary<string, JsonObject>> ComputeAsync(CancellationToken ct)
    {
        var s = await stats.ComputeAsync(ct);
        return new Dictionary<string, JsonObject>
        {
            ["volunteers"] = new() { ["count"] = s.Volunteers.Count, ["hours"] = s.Volunteers.Hours, ["activities"] = s.Volunteers.Activities },
            ["points"] = new() { ["issued"] = s.Points.Issued, ["redeemed"] = s.Points.Redeemed, ["expired"] = s.Points.Expired },
        };
    }
}
