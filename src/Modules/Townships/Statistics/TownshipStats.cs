using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Statistics;

namespace Zhizhi.Orchard.Townships.Statistics;

/// <summary>Collects the parts of every enabled feature's contributor, for one township or the whole county.</summary>
public sealed class TownshipStats(IEnumerable<StatsContributorRegistration> registrations, ITownshipScopeFactory scopes, ITownshipManager townships)
{
    private readonly StatsContributorRegistration[] _registrations = [.. registrations];

    /// <summary>The parts of one township, computed in its own scope.</summary>
    public async Task<JsonObject> ForTownshipAsync(Township township, CancellationToken ct)
    {
        await using var scope = scopes.CreateScope(township);
        var result = new JsonObject();
        foreach (var registration in _registrations.Where(r => township.IsEnabled(r.FeatureId)))
        {
            var contributor = (IStatsContributor)scope.ServiceProvider.GetRequiredService(registration.ContributorType);
            foreach (var (part, figures) in await contributor.ComputeAsync(ct))
                result[part] = figures;
        }
        return result;
    }

    /// <summary>Every running township's figures, and their sum with rates derived again from the sums.</summary>
    public async Task<JsonObject> ForCountyAsync(CancellationToken ct)
    {
        var list = new JsonArray();
        var county = new JsonObject();
        foreach (var township in townships.List().Where(t => !t.IsHost && t.State == TownshipState.Running))
        {
            var parts = await ForTownshipAsync(township, ct);
            foreach (var (part, figures) in parts)
            {
                if (county[part] is not JsonObject target) county[part] = target = [];
                StatsExtensions.AddInto(target, (JsonObject)figures!);
            }
            var entry = new JsonObject { ["name"] = township.Name, ["displayName"] = township.DisplayName };
            foreach (var (part, figures) in parts.ToList())
            {
                parts.Remove(part);
                entry[part] = figures;
            }
            list.Add(entry);
        }
        await using (var scope = scopes.CreateScope(townships.Find(Township.HostName)!))
        {
            foreach (var registration in _registrations)
            {
                var contributor = (IStatsContributor)scope.ServiceProvider.GetRequiredService(registration.ContributorType);
                foreach (var (part, figures) in county)
                    if (figures is JsonObject summed) contributor.Derive(part, summed);
            }
        }
        return new JsonObject { ["county"] = county, ["townships"] = list };
    }
}
