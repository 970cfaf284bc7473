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

    public static ValueTask EvictAsync(IOutputCacheStore store, Township township, CancellationToken ct = default)
        => store.EvictByTagAsync(Tag(township), ct);
}
