using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.VolunteerPoints.Activities;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Recognition;

public sealed record HonourEntry(int Rank, string UserName, string DisplayName, double Hours, int Points, int Activities);

public sealed record HonourGroup(int? Id, string Name, IReadOnlyList<HonourEntry> Entries);

/// <summary>光荣榜 of one month: the volunteers with the most hours (then points) per team and per village.</summary>
public sealed record HonourRollDto(string Month, IReadOnlyList<HonourGroup> Teams, IReadOnlyList<HonourGroup> Villages);

public sealed record CertificateActivity(string Title, string TypeName, DateTimeOffset Start, double Hours, int Points);

public sealed record CertificateDto(string UserName, string DisplayName, string? TeamName, string? VillageName, double Hours, int Points,
    IReadOnlyList<CertificateActivity> Activities, DateTimeOffset IssuedAt, string TownshipName);

public sealed class Recognition(PointsDbContext db, Township township, TimeProvider clock)
{
    public const int PerGroup = 10;

    public static bool TryParseMonth(string? month, out DateTime firstDay)
        => DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out firstDay);

    public string CurrentMonth() => TownshipTime.ToLocal(township, clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public async Task<HonourRollDto> HonourRollAsync(DateTime firstDay, CancellationToken ct)
    {
        var zone = TownshipTime.Zone(township);
        var from = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(firstDay, DateTimeKind.Unspecified), zone);
        var to = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(firstDay.AddMonths(1), DateTimeKind.Unspecified), zone);
        var served = await db.Checkins.AsNoTracking().Where(c => c.CheckedInAt >= from && c.CheckedInAt < to)
            .GroupBy(c => c.UserName)
            .Select(g => new { UserName = g.Key, Hours = g.Sum(c => c.Hours), Points = g.Sum(c => c.Points), Activities = g.Count() })
            .ToListAsync(ct);
        var names = served.Select(s => s.UserName).ToList();
        var profiles = await db.Volunteers.AsNoTracking().Where(v => names.Contains(v.UserName)).ToDictionaryAsync(v => v.UserName, ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);

        var rows = served.Where(s => profiles.ContainsKey(s.UserName)).Select(s => (Profile: profiles[s.UserName], s.Hours, s.Points, s.Activities)).ToList();
        List<HonourGroup> Groups(Func<Volunteers.VolunteerProfile, (int? Id, string? Name)> key) => rows
            .Where(r => key(r.Profile).Name is not null)
            .GroupBy(r => key(r.Profile))
            .OrderBy(g => g.Key.Name, StringComparer.Ordinal)
            .Select(g => new HonourGroup(g.Key.Id, g.Key.Name!, g
                .OrderByDescending(r => r.Hours).ThenByDescending(r => r.Points).ThenBy(r => r.Profile.UserName, StringComparer.Ordinal)
                .Take(PerGroup)
                .Select((r, i) => new HonourEntry(i + 1, r.Profile.UserName, r.Profile.DisplayName, Math.Round(r.Hours, 2), r.Points, r.Activities)).ToList()))
            .ToList();
        return new HonourRollDto(firstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            Groups(p => (p.TeamId, p.TeamId is { } id && teams.TryGetValue(id, out var n) ? n : null)),
            Groups(p => (p.VillageId, p.VillageName)));
    }

    /// <returns>null when the person has no volunteer profile and no check-in.</returns>
    public async Task<CertificateDto?> CertificateAsync(string userName, CancellationToken ct)
    {
        var profile = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.UserName == userName, ct);
        var served = await (from c in db.Checkins.AsNoTracking()
                            join a in db.Activities.AsNoTracking() on c.ActivityId equals a.Id
                            where c.UserName == userName
                            orderby a.StartAt
                            select new { a.Title, a.Type, a.StartAt, c.Hours, c.Points }).ToListAsync(ct);
        if (profile is null && served.Count == 0) return null;
        var team = profile?.TeamId is { } teamId ? await db.Teams.Where(t => t.Id == teamId).Select(t => t.Name).FirstOrDefaultAsync(ct) : null;
        return new CertificateDto(userName, profile?.DisplayName ?? userName, team, profile?.VillageName,
            Math.Round(served.Sum(s => s.Hours), 2), served.Sum(s => s.Points),
            served.Select(s => new CertificateActivity(s.Title, ActivityTypes.ChineseName(s.Type), ActivityMapping.Local(township, s.StartAt), s.Hours, s.Points)).ToList(),
            ActivityMapping.Local(township, clock.GetUtcNow().UtcDateTime), township.DisplayName);
    }
}
