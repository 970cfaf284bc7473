namespace Zhizhi.Orchard.DisputeRouting.County;

/// <summary>
/// A township's case reached level "county". Written to the township's dispute outbox by the same SaveChanges that
/// moved the case, so the referral survives a crash; <see cref="ReferToCountyHandler"/> files it in the county inbox.
/// </summary>
public sealed record CaseReferredToCounty(int CaseId, DateTime At);

/// <summary>
/// County staff accepted a referral or answered it. Written to the county's outbox with the referral's change;
/// <see cref="CountyAnswerHandler"/> applies it to the township's case.
/// </summary>
public sealed record CountyReferralActed(string Township, int CaseId, int ReferralId, string Action, string? Note, string? Actor, DateTime At);
