using Zhizhi.Orchard.DisputeRouting.Cases;

namespace Zhizhi.Orchard.DisputeRouting.County;

/// <summary>How a case held by the county (escalated past the township, no county answer yet) is shown to staff and to the resident.</summary>
public static class CountyHold
{
    /// <summary>The case is open at county level and the county has not answered (a 不予受理 hands it back to the township).</summary>
    public static bool Holds(DisputeCase c) => c.IsOpen && c.Level == CaseLevels.County && c.CountyOutcome is null;

    /// <summary>The resident's plain-language status: 已上报县级处理 while the county holds the case.</summary>
    public static string PublicStatus(DisputeCase c)
    {
        if (Holds(c)) return "已上报县级处理";
        if (c.IsOpen && c.CountyOutcome == ReferralOutcomes.Declined) return "县级退回,由乡镇继续办理";
        return CaseStatus.Chinese(c.Status);
    }

    /// <summary>The county's answer as the resident may read it (the same words are on the public timeline), or null before it.</summary>
    public static string? PublicOutcome(DisputeCase c) => c.CountyOutcome is null
        ? null
        : ReferralOutcomes.Chinese(c.CountyOutcome) + (string.IsNullOrWhiteSpace(c.CountyOutcomeText) ? "" : ":" + c.CountyOutcomeText.Trim());
}
