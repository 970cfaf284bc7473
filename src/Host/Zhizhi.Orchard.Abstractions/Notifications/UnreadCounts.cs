using Microsoft.Extensions.Caching.Memory;

namespace Zhizhi.Orchard.Notifications;

/// <summary>
/// The header badge runs on every page a signed-in person opens. For notices addressed to names and roles the
/// unread count is a scan of the inbox window (tens of milliseconds at tens of thousands of notices), yet it
/// changes only when a notice arrives (the table's newest id moves) or the person marks something read (their
/// read-marker count moves): two index lookups. The count is kept per township, source and person, keyed by
/// both, and recomputed when either moved, or after <see cref="Lifetime"/> (notices also age out of the window,
/// and on PostgreSQL a notice may commit after one with a higher id).
/// </summary>
public sealed class UnreadCounts(IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private sealed record Entry(long NewestId, int Reads, int Count, DateTimeOffset At);

    public async Task<int> GetAsync(string key, Func<Task<(long NewestId, int Reads)>> version, Func<Task<int>> count)
    {
        var (newest, reads) = await version();
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(key, out Entry? entry) && entry is not null && entry.NewestId == newest && entry.Reads == reads && now - entry.At < Lifetime)
            return entry.Count;
        var counted = await count();
        cache.Set(key, new Entry(newest, reads, counted, now), new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(20), Size = 1 });
        return counted;
    }

    public static string Key(Township township, string source, string userId, IEnumerable<string> names)
        => $"zz-unread|{township.Name}|{township.Version}|{source}|{userId}|{string.Join(",", names)}";
}
