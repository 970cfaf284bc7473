using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Notifications;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.DisputeRouting.Obligations;

/// <summary>
/// An in-app notice to the staff handling a case (a deadline is near, an obligation is overdue). Its
/// <see cref="Key"/> names what it is about ("reminder:12:village", "overdue:7") and is unique: whoever inserts it
/// first has sent it, so parallel sweeps never send twice.
/// </summary>
public sealed class DisputeNotification : IAddressedNotice
{
    public long Id { get; set; }
    public required string Key { get; set; }
    public required string Kind { get; set; }
    public int CaseId { get; set; }
    public string? Level { get; set; }
    public int? ObligationId { get; set; }
    /// <summary>User names, display names or role names, separated by commas (the case's assignee, who recorded the agreement).</summary>
    public string? Recipients { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class NotificationKinds
{
    public const string DeadlineReminder = "deadline-reminder";
    public const string ObligationOverdue = "obligation-overdue";

    public static string Chinese(string kind) => kind switch
    {
        DeadlineReminder => "到期提醒",
        ObligationOverdue => "履行待核查",
        _ => kind,
    };

    public static string ReminderKey(int caseId, string level) => $"reminder:{caseId}:{level}";

    public static string OverdueKey(int obligationId) => $"overdue:{obligationId}";
}

public sealed record DisputeNotificationDto(long Id, string Kind, string KindName, int CaseId, string? Level, int? ObligationId, string? Recipients, string Text, DateTimeOffset CreatedAt);

/// <summary>
/// The signed-in staff member's notices: those naming their user name, display name or one of their roles; the
/// township's dispute managers (综治中心) oversee every notice.
/// </summary>
public static class DisputeInbox
{
    public static async Task<List<DisputeNotification>> ForAsync(DisputesDbContext db, ClaimsPrincipal user, bool all, CancellationToken ct)
    {
        var query = db.Notifications.AsNoTracking();
        // The recipient match runs in SQL, so an older notice of this person is not crowded out by the township's newer ones.
        if (!all) query = query.Where(Inbox.AddressedTo<DisputeNotification>(n => n.Recipients, Inbox.RecipientNames(user, withDisplayName: true)));
        return await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(200).ToListAsync(ct);
    }
}
