using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Mediation.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Intake;

/// <summary>
/// Intake from a mediation booking: when staff record how a booked session ended, the dispute is filed (source
/// "booking", the applicant as reporter so it shows in 我的纠纷) and settled or escalated accordingly. One case per
/// booking id, decided by the unique index; a no-show files nothing, as there is no dispute to act on yet.
/// </summary>
internal sealed class BookingOutcomeHandler(DisputesDbContext db, ReportDispute report, CaseActions actions) : IEventHandler<BookingOutcomeRecorded>
{
    public async Task HandleAsync(BookingOutcomeRecorded e, EventContext context, CancellationToken ct)
    {
        if (e.Outcome is not ("settled" or "not_settled")) return;
        if (await db.Cases.AnyAsync(c => c.BookingId == e.BookingId, ct)) return;
        var category = await db.Categories.AnyAsync(c => c.Name == e.Category && !c.Retired, ct) ? e.Category : "其他";
        List<PartyRequest>? parties = string.IsNullOrWhiteSpace(e.OtherParty) ? null : [new PartyRequest(Trim(e.OtherParty, 100), null, "对方当事人")];
        var description = string.IsNullOrWhiteSpace(e.Description) ? $"通过调解预约 {e.Code} 到{e.RoomName}调解。" : e.Description;
        var request = new ReportRequest(Trim($"调解预约:{e.Category}({e.RoomName})", 100), Trim(description, DisputesDbContext.DescriptionLength),
            category, null, "booking", parties);
        DisputeCase c;
        try
        {
            c = await report.ExecuteAsync(request, new Reporter(e.ApplicantId, "调解预约申请人", IsStaff: false), e.BookingId, ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // Delivered twice at once: the unique booking index let the other delivery file it.
            if (await db.Cases.AsNoTracking().AnyAsync(x => x.BookingId == e.BookingId, ct)) return;
            throw;
        }
        db.ChangeTracker.Clear();
        var actor = e.MediatorName ?? e.RoomName;
        await actions.ExecuteWithRetryAsync(c.Id, new ActionRequest("accept", $"{e.RoomName}受理(预约 {e.Code})", null, null, null, null), actor, ct);
        db.ChangeTracker.Clear();
        var note = string.IsNullOrWhiteSpace(e.Note) ? null : Trim(e.Note, DisputesDbContext.NoteLength);
        await actions.ExecuteWithRetryAsync(c.Id, new ActionRequest(e.Outcome == "settled" ? "resolve" : "fail", note, null, null, null, null), actor, ct);
    }

    private static string Trim(string s, int max) => s.Length > max ? s[..max] : s;
}
