namespace Zhizhi.Orchard.DisputeRouting.Cases;

public sealed record PartyDto(string Name, string? Phone, string? Role, string? VillageGroup = null, string? Address = null);

public sealed record TimelineDto(DateTimeOffset At, string Kind, string KindName, string? Level, string? Actor, string? Note, bool? Public);

public sealed record CaseDto(
    int Id, string CaseNo, string Title, string Description, string Category, string? Village, string Source,
    string Status, string StatusName, string? Level, string LevelName, string? Assignee,
    DateTimeOffset? Deadline, bool Overdue, string Mark, bool Paused, string? PauseReason,
    DateTimeOffset ReportedAt, string? ReporterName, string? ResolvedLevel, int? Satisfaction,
    string? AgreementTerms, bool JudicialConfirmation, int? BookingId,
    IReadOnlyList<PartyDto> Parties, IReadOnlyList<TimelineDto>? Timeline,
    string Grade = CaseGrades.Blue, string GradeName = "蓝", string? Leader = null,
    int? MediatorId = null, string? MediatorName = null);

/// <summary>Who is looking: staff who handle cases see phones; other staff see them masked; the reporter sees the public part only.</summary>
public enum Audience
{
    Handler,
    Staff,
    Reporter,
}

public static class DeadlineMarks
{
    public const string Red = "red";
    public const string Yellow = "yellow";
    public const string Green = "green";
    public const string Paused = "paused";
    public const string None = "none";

    /// <summary>Red when overdue, yellow when less than a third of the level's time (or one day) is left, else green.</summary>
    public static string Of(DisputeCase c, DateTime utcNow)
    {
        if (!c.IsOpen || c.DeadlineAt is null) return None;
        if (c.PausedAt is not null) return Paused;
        var left = c.DeadlineAt.Value - utcNow;
        if (left <= TimeSpan.Zero) return Red;
        var total = c.DeadlineAt.Value - (c.LevelSince ?? c.ReportedAt);
        return left < TimeSpan.FromTicks(total.Ticks / 3) || left < TimeSpan.FromDays(1) && total > TimeSpan.FromDays(2) ? Yellow : Green;
    }

    public static bool Overdue(DisputeCase c, DateTime utcNow) => Of(c, utcNow) == Red;

    public static string Chinese(string mark) => mark switch
    {
        Red => "已超期",
        Yellow => "临期",
        Green => "正常",
        Paused => "已暂停",
        _ => "—",
    };
}

public static class CaseMapping
{
    public static DateTimeOffset Local(Township township, DateTime utc)
    {
        var u = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        var zone = TownshipTime.Zone(township);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeFromUtc(u, zone), zone.GetUtcOffset(u));
    }

    public static string MaskPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return "";
        return phone.Length >= 7 ? phone[..3] + new string('*', phone.Length - 7) + phone[^4..] : new string('*', phone.Length);
    }

    public static CaseDto ToDto(this DisputeCase c, Township township, DateTime utcNow, Audience audience, IReadOnlyList<TimelineEntry>? timeline)
    {
        var mark = DeadlineMarks.Of(c, utcNow);
        var parties = c.Parties.OrderBy(p => p.Id).Select(p => new PartyDto(p.Name,
            audience switch { Audience.Handler => p.Phone, Audience.Staff => p.Phone is null ? null : MaskPhone(p.Phone), _ => null },
            p.Role, audience == Audience.Reporter ? null : p.VillageGroup, audience == Audience.Handler ? p.Address : null)).ToList();
        var entries = timeline?.Where(e => audience != Audience.Reporter || e.Public).OrderBy(e => e.Seq)
            .Select(e => new TimelineDto(Local(township, e.At), e.Kind, TimelineKinds.Chinese(e.Kind), e.Level,
                audience == Audience.Reporter ? null : e.Actor, e.Note, audience == Audience.Reporter ? null : e.Public))
            .ToList();
        return new CaseDto(c.Id, c.CaseNo, c.Title, c.Description, c.Category, c.Village, c.Source,
            c.Status, CaseStatus.Chinese(c.Status), c.Level, CaseLevels.Chinese(c.Level), c.Assignee,
            c.DeadlineAt is { } d ? Local(township, d) : null, mark == DeadlineMarks.Red, mark, c.PausedAt is not null, c.PauseReason,
            Local(township, c.ReportedAt), audience == Audience.Reporter ? null : c.ReporterName, c.ResolvedLevel, c.Satisfaction,
            c.AgreementTerms, c.JudicialConfirmation, c.BookingId, parties, entries,
            c.Grade, CaseGrades.Chinese(c.Grade), c.Leader,
            c.MediatorId, c.MediatorName);
    }
}
