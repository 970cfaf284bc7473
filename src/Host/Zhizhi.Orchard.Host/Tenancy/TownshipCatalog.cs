using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Host.Data;

namespace Zhizhi.Orchard.Host.Tenancy;

/// <summary>
/// The township catalog: rows in the host database, mirrored in memory so that resolving a township
/// costs a dictionary lookup. Writes go to the database first, then replace the in-memory snapshot.
/// </summary>
internal sealed class TownshipCatalog(HostDb hostDb, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, Township> _byName = new(StringComparer.Ordinal);
    private volatile Dictionary<string, string> _byHostName = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<Township> All => [.. _byName.Values.OrderBy(t => t.CreatedAt).ThenBy(t => t.Name)];

    public int Count => _byName.Count;

    public Township? Find(string name) => _byName.TryGetValue(name, out var t) ? t : null;

    public Township? FindByHostName(string host)
        => _byHostName.TryGetValue(host, out var name) ? Find(name) : null;

    public async Task LoadAsync(CancellationToken ct)
    {
        await using var db = hostDb.Create();
        var rows = await db.Townships.AsNoTracking().ToListAsync(ct);
        _byName.Clear();
        foreach (var row in rows) _byName[row.Name] = FromRecord(row);
        RebuildHostNames();
    }

    /// <summary>Inserts a new township; false when the name is taken (the primary key decides, not a prior check).</summary>
    public async Task<bool> TryInsertAsync(Township township, CancellationToken ct)
    {
        await using var db = hostDb.Create();
        db.Townships.Add(ToRecord(township, new TownshipRecord { Name = township.Name, DisplayName = township.DisplayName, State = township.State.ToString() }));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return false;
        }
        Put(township);
        return true;
    }

    /// <summary>Writes a changed township; optimistic concurrency on the version column.</summary>
    public async Task<Township> SaveAsync(Township township, CancellationToken ct)
    {
        await using var db = hostDb.Create();
        var row = await db.Townships.SingleAsync(t => t.Name == township.Name, ct);
        var next = township with { Version = row.Version + 1 };
        ToRecord(next, row);
        await db.SaveChangesAsync(ct);
        Put(next);
        return next;
    }

    public async Task DeleteAsync(string name, CancellationToken ct)
    {
        await using var db = hostDb.Create();
        await db.Townships.Where(t => t.Name == name).ExecuteDeleteAsync(ct);
        _byName.TryRemove(name, out _);
        RebuildHostNames();
    }

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    private void Put(Township township)
    {
        _byName[township.Name] = township;
        RebuildHostNames();
    }

    private void RebuildHostNames()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var t in _byName.Values)
            foreach (var h in t.HostNames) map[h] = t.Name;
        _byHostName = map;
    }

    private static Township FromRecord(TownshipRecord r) => new()
    {
        Name = r.Name,
        DisplayName = r.DisplayName,
        State = Enum.Parse<TownshipState>(r.State),
        Features = new HashSet<string>(JsonSerializer.Deserialize<string[]>(r.Features, Json) ?? [], StringComparer.Ordinal),
        Theme = r.Theme,
        HostNames = JsonSerializer.Deserialize<string[]>(r.HostNames, Json) ?? [],
        Settings = JsonSerializer.Deserialize<TownshipSettings>(r.Settings, Json) ?? new(),
        ConnectionString = r.ConnectionString,
        CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc)),
        Version = r.Version,
    };

    private static TownshipRecord ToRecord(Township t, TownshipRecord r)
    {
        r.DisplayName = t.DisplayName;
        r.State = t.State.ToString();
        r.Features = JsonSerializer.Serialize(t.Features.Order(StringComparer.Ordinal), Json);
        r.Theme = t.Theme;
        r.HostNames = JsonSerializer.Serialize(t.HostNames, Json);
        r.Settings = JsonSerializer.Serialize(t.Settings, Json);
        r.ConnectionString = t.ConnectionString;
        r.CreatedAt = t.CreatedAt.UtcDateTime;
        r.Version = t.Version;
        return r;
    }
}
