using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Http;

namespace Zhizhi.Orchard.DisputeRouting.County;

public sealed record CountyActionRequest(string? Action, string? Note);

/// <summary>
/// County staff on a referral: 受理 (accept), then 化解 (resolve) or 引导诉讼 (litigation); or 不予受理 (decline) before
/// accepting. The referral row changes under its concurrency token together with the outbox row that carries the
/// answer to the township, so of two staff answering at once one gets 409 and the township hears one answer.
/// </summary>
public sealed class CountyActions(CountyDbContext db, TimeProvider clock)
{
    public const string Accept = "accept";
    public static readonly string[] Names = [Accept, .. ReferralOutcomes.All];

    public enum Outcome { Done, NotFound, Conflict }

    public sealed record Result(Outcome Outcome, CountyReferral? Referral, string? Message = null);

    public static string Chinese(string action) => action == Accept ? "受理" : ReferralOutcomes.Chinese(action);

    public static Validation Validate(CountyActionRequest? r)
    {
        var v = new Validation();
        if (r is null || string.IsNullOrWhiteSpace(r.Action)) return v.Add("action", "请选择操作:accept 受理、resolve 化解、decline 不予受理、litigation 引导诉讼");
        if (!Names.Contains(r.Action))
            return v.Add("action", $"未知的操作“{(r.Action.Length > 20 ? r.Action[..20] : r.Action)}”,可选:accept 受理、resolve 化解、decline 不予受理、litigation 引导诉讼");
        if (r.Action == Accept) v.Optional("note", r.Note, "说明", CountyDbContext.TextLength);
        else v.Required("note", r.Note, r.Action switch
        {
            ReferralOutcomes.Resolved => "化解情况",
            ReferralOutcomes.Declined => "不予受理的理由",
            _ => "引导诉讼的意见",
        }, CountyDbContext.TextLength);
        return v;
    }

    public async Task<Result> ExecuteAsync(int id, CountyActionRequest r, string? actor, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var referral = await db.Referrals.FirstOrDefaultAsync(x => x.Id == id, ct);
            if (referral is null) return new(Outcome.NotFound, null);
            var now = clock.GetUtcNow().UtcDateTime;
            if (Apply(referral, r, actor, now) is { } refusal) return new(Outcome.Conflict, referral, refusal);
            referral.Version++;
            db.Publish(new CountyReferralActed(referral.Township, referral.CaseId, referral.Id, r.Action!, r.Note?.Trim(), actor, now), now);
            try
            {
                await db.SaveChangesAsync(ct);
                return new(Outcome.Done, referral);
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                // Someone else changed the referral between read and write: decide again on fresh data (a second answer ends in 409).
            }
        }
    }

    private static string? Apply(CountyReferral referral, CountyActionRequest r, string? actor, DateTime now)
    {
        var state = ReferralStatus.Chinese(referral.Status);
        switch (r.Action)
        {
            case Accept:
                if (referral.Status != ReferralStatus.Pending) return $"该上交案件{state},不能再受理";
                referral.Status = ReferralStatus.Handling;
                referral.AcceptedAt = now;
                referral.AcceptedBy = actor;
                return null;
            case ReferralOutcomes.Declined:
                if (referral.Status != ReferralStatus.Pending) return $"该上交案件{state},只有待处理的案件可以不予受理";
                break;
            case ReferralOutcomes.Resolved or ReferralOutcomes.Litigation:
                if (referral.Status == ReferralStatus.Done) return $"该上交案件已办结({ReferralOutcomes.Chinese(referral.Outcome)}),不能再登记结果";
                if (referral.Status != ReferralStatus.Handling) return "须先受理该上交案件,才能登记化解或引导诉讼";
                break;
            default:
                return "未知的操作";
        }
        referral.Status = ReferralStatus.Done;
        referral.Outcome = r.Action;
        referral.OutcomeText = r.Note!.Trim();
        referral.OutcomeBy = actor;
        referral.OutcomeAt = now;
        return null;
    }
}
