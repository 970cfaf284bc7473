using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Data;

namespace Zhizhi.Orchard.DisputeRouting.Cases;

/// <summary>
/// The case timeline as a hash chain: each entry's hash is SHA-256 over the previous hash and the entry's own
/// canonical fields, so changing, inserting or deleting a row in the database is found by <see cref="Verify"/>.
/// </summary>
public static class HashChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// Timestamps are cut to whole milliseconds before hashing: PostgreSQL keeps microseconds, .NET ticks
    /// tenths of them, and the hash must survive the round trip through either database.
    /// </summary>
    public static DateTime Normalize(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    public static string Canonical(int caseId, int seq, DateTime at, string kind, string? level, string? actor, string? note, bool isPublic)
        => string.Join('\u001f',
            caseId.ToString(CultureInfo.InvariantCulture),
            seq.ToString(CultureInfo.InvariantCulture),
            Normalize(at).Ticks.ToString(CultureInfo.InvariantCulture),
            kind, level ?? "", actor ?? "", note ?? "", isPublic ? "1" : "0");

    public static string Compute(string prevHash, string canonical)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(prevHash + "\u001e" + canonical)));

    public static string HashOf(TimelineEntry e)
        => Compute(e.PrevHash, Canonical(e.CaseId, e.Seq, e.At, e.Kind, e.Level, e.Actor, e.Note, e.Public));

    /// <summary>Queues a new entry after the case's last one (the unique (case, seq) index refuses a second writer of the same link).</summary>
    public static async Task<TimelineEntry> AppendAsync(DisputesDbContext db, DisputeCase c, DateTime at, string kind,
        string? actor, string? note, bool isPublic, CancellationToken ct)
    {
        if (c.Id == 0) throw new InvalidOperationException("A case must be saved before its timeline grows.");
        var pending = db.ChangeTracker.Entries<TimelineEntry>()
            .Where(e => e.State == EntityState.Added && e.Entity.CaseId == c.Id)
            .Select(e => e.Entity).OrderByDescending(e => e.Seq).FirstOrDefault();
        var last = pending ?? await db.Timeline.AsNoTracking().Where(e => e.CaseId == c.Id)
            .OrderByDescending(e => e.Seq).FirstOrDefaultAsync(ct);
        var entry = new TimelineEntry
        {
            CaseId = c.Id, Seq = (last?.Seq ?? 0) + 1, At = Normalize(at), Kind = kind, Level = c.Level,
            Actor = Trim(actor, DisputesDbContext.NameLength), Note = Trim(note, DisputesDbContext.NoteLength), Public = isPublic,
            PrevHash = last?.Hash ?? Genesis, Hash = "",
        };
        entry.Hash = HashOf(entry);
        db.Timeline.Add(entry);
        // Every append also bumps the case's concurrency token: of two writers extending one chain, the database refuses the second.
        c.Version++;
        return entry;
    }

    private static string? Trim(string? s, int max) => s is null ? null : s.Length > max ? s[..max] : s;

    public sealed record Result(bool Valid, int Entries, int? BrokenAt, string Message);

    public static Result Verify(IReadOnlyList<TimelineEntry> entries)
    {
        var prev = Genesis;
        var expectedSeq = 1;
        foreach (var e in entries.OrderBy(e => e.Seq))
        {
            if (e.Seq != expectedSeq) return new(false, entries.Count, e.Seq, $"第 {expectedSeq} 条记录缺失,时间线被删改");
            if (e.PrevHash != prev) return new(false, entries.Count, e.Seq, $"第 {e.Seq} 条记录与前一条不衔接,时间线被删改");
            if (HashOf(e) != e.Hash) return new(false, entries.Count, e.Seq, $"第 {e.Seq} 条记录的内容与其哈希不符,已被改动");
            prev = e.Hash;
            expectedSeq++;
        }
        return new(true, entries.Count, null, $"哈希链完整:{entries.Count} 条记录均未被改动");
    }
}
