using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;

namespace Zhizhi.Orchard.Http;

/// <summary>
/// Anonymous public pages (a township's home, news, villages) are served from the output cache for a
/// short while. Entries are per township and per catalog version (a theme or colour change shows at
/// once); modules evict a township's entries when they change what those pages show.
/// </summary>
public static class PublicPageCache
{
    public const string Policy = "zhizhi-public";

    public static string Tag(Township township) => "t:" + township.Name;

    private static readonly ConcurrentDictionary<string, long> Generations = new();

    /// <summary>
    /// Bumped by every eviction. A page rendered while a change committed may show the old data; the policy
    /// compares the generation at the request's start with the one when it would store the response and keeps
    /// nothing if an eviction came in between, so such a page is never cached after the eviction.
    /// </summary>
    public static long Generation(Township township) => Generations.GetValueOrDefault(township.Name);

    public static ValueTask EvictAsync(IOutputCacheStore store, Township township, CancellationToken ct = default)
    {
        Generations.AddOrUpdate(township.Name, 1, (_, g) => g + 1);
        return store.EvictByTagAsync(Tag(township), ct);
    }
}
