using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Volunteers;

namespace Zhizhi.Orchard.VolunteerPoints.Rules;

public sealed record RulesDto(string PointsMode, int? DailyCap, int? GrantApprovalAbove, int NoticeDays, string Expiry);

/// <summary>Reads and changes the township's points rules (one row, created with defaults when missing).</summary>
public sealed class RulesStore(PointsDbContext db, TimeProvider clock)
{
    private PointsRules? _rules;

    public async Task<PointsRules> GetAsync(CancellationToken ct)
        => _rules ??= await db.Rules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == PointsRules.SingletonId, ct) ?? new PointsRules();

    public static Validation Validate(RulesDto r)
    {
        var v = new Validation();
        if (!PointsModes.IsKnown(r.PointsMode)) v.Add("pointsMode", "计分方式须为 activity(按活动)或 hour(按小时)");
        if (r.DailyCap is <= 0 or > 100_000) v.Add("dailyCap", "每日积分上限须为 1-100000 之间的整数,不设上限请留空");
        if (r.GrantApprovalAbove is < 0 or > 100_000) v.Add("grantApprovalAbove", "审批门槛须为 0-100000 之间的整数,不需审批请留空");
        if (r.NoticeDays is < 0 or > 90) v.Add("noticeDays", "公示天数须为 0-90 之间的整数");
        if (!ExpiryRules.IsKnown(r.Expiry)) v.Add("expiry", "过期规则须为 never(不过期)或 endOfNextYear(次年年底过期)");
        return v;
    }

    public async Task<PointsRules> SaveAsync(RulesDto r, string? by, CancellationToken ct)
    {
        var rules = await db.Rules.FirstOrDefaultAsync(x => x.Id == PointsRules.SingletonId, ct);
        if (rules is null) db.Rules.Add(rules = new PointsRules());
        rules.PointsMode = r.PointsMode;
        rules.DailyCap = r.DailyCap;
        rules.GrantApprovalAbove = r.GrantApprovalAbove;
        rules.NoticeDays = r.NoticeDays;
        rules.Expiry = r.Expiry;
        rules.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        rules.UpdatedBy = by;
        await db.SaveChangesAsync(ct);
        _rules = null;
        return rules;
    }

    public static RulesDto ToDto(PointsRules r) => new(r.PointsMode, r.DailyCap, r.GrantApprovalAbove, r.NoticeDays, r.Expiry);
}

/// <summary>When VolunteerPoints is enabled: the rules row and the four usual teams (idempotent).</summary>
internal sealed class PointsSetup(TimeProvider clock) : IFeatureSetup
{
    public string FeatureId => VolunteerFeatures.VolunteerPoints;

    public async Task OnEnabledAsync(Township township, IServiceProvider services, CancellationToken ct)
    {
        var db = (PointsDbContext)services.GetService(typeof(PointsDbContext))!;
        await SeedAsync(db, clock.GetUtcNow().UtcDateTime, ct);
    }

    public static async Task SeedAsync(PointsDbContext db, DateTime now, CancellationToken ct)
    {
        if (!await db.Rules.AnyAsync(ct)) db.Rules.Add(new PointsRules { UpdatedAt = now });
        var existing = await db.Teams.Select(t => t.Name).ToListAsync(ct);
        foreach (var name in DefaultTeams.Names.Except(existing)) db.Teams.Add(new Team { Name = name, CreatedAt = now });
        await db.SaveChangesAsync(ct);
    }
}
