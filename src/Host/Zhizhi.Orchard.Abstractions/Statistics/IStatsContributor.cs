using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Statistics;

/// <summary>
/// A feature's parts of <c>GET /api/stats</c> ("bookings", "volunteers", "points" ...). Parts hold numbers
/// (or objects of numbers, e.g. per room) so that the county can add townships up; rates are derived
/// from the sums in <see cref="Derive"/>, never added.
/// </summary>
public interface IStatsContributor
{
    Task<IReadOnlyDictionary<string, JsonObject>> ComputeAsync(CancellationToken ct);

    /// <summary>Recomputes derived figures (rates, averages) of a part after townships were summed.</summary>
    void Derive(string part, JsonObject summed) { }
}

public sealed record StatsContributorRegistration(Type ContributorType, string FeatureId);

public static class StatsExtensions
{
    public static FeatureBuilder AddStatsContributor<T>(this FeatureBuilder feature) where T : class, IStatsContributor
    {
        feature.Services.AddSingleton(new StatsContributorRegistration(typeof(T), feature.Feature.Id));
        feature.Services.AddScoped<T>();
        return feature;
    }

    /// <summary>A JSON number as a double, whatever CLR type the node was created from (int, long, double).</summary>
    public static double? Number(JsonValue value)
        => value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>Adds <paramref name="from"/> into <paramref name="into"/>: numbers are summed, objects merged recursively.</summary>
    public static void AddInto(JsonObject into, JsonObject from)
    {
        foreach (var (key, value) in from)
        {
            switch (value)
            {
                case JsonObject child:
                    if (into[key] is not JsonObject target) into[key] = target = [];
                    AddInto(target, child);
                    break;
                case JsonValue number when Number(number) is { } d:
                    var sum = (into[key] is JsonValue existing && Number(existing) is { } e ? e : 0) + d;
                    into[key] = sum == Math.Floor(sum) && Math.Abs(sum) < 9e15 ? JsonValue.Create((long)sum) : JsonValue.Create(Math.Round(sum, 4));
                    break;
            }
        }
    }
}
