using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Townships.Contracts;
using Zhizhi.Orchard.Users.Contracts;
using Zhizhi.Orchard.VolunteerPoints.Rules;
using Zhizhi.Orchard.VolunteerPoints.Volunteers;
using Zhizhi.Orchard.VolunteerPoints.Activities;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Exchange;

namespace Zhizhi.Orchard.VolunteerPoints.Demo;

/// <summary>
/// Recipe step "volunteer-demo": upcoming activities of a few teams and the exchange shop's shelves.
/// Without a body it uses the built-in demo set; "activities" / "items" in the step replace it.
/// Items are added only when PointsExchange is on; existing item names are left alone (re-runnable).
/// The demo volunteer "zhiyuan" (when the users step made one) gets a profile in 平安志愿者, leads that team, and
/// has served in last week's patrol, so the honour roll and the certificate have something to show.
/// </summary>
internal sealed class VolunteerDemoRecipeStep(PointsDbContext db, CreateActivity createActivity, CheckIn checkIn, Volunteering volunteering,
    IUserDirectory users, ITownshipDirectory directory, TimeProvider clock) : IRecipeStep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string Name => "volunteer-demo";

    private sealed record DemoActivity(string Title, string Location, int DaysFromNow, int StartHour, int Hours, int Points, int Capacity, string? Type = null);

    private sealed record Step(DemoActivity[]? Activities, ItemRequest[]? Items);

    private const string DemoVolunteer = "zhiyuan";
    private const string DemoTeam = "平安志愿者";

    private static readonly DemoActivity[] DefaultActivities =
    [
        new("平安志愿者巡逻", "镇综治中心集合", 2, 19, 2, 10, 20, ActivityTypes.Patrol),
        new("普法宣传进村入户", "村文化礼堂", 4, 9, 3, 15, 15, ActivityTypes.LegalCampaign),
        new("环境整治:河道清洁", "村口河埠头", 6, 8, 3, 12, 30, ActivityTypes.CleanUp),
    ];

    private static readonly ItemRequest[] DefaultItems =
    [
        new("大米(5公斤)", 50, 40),
        new("食用油(5升)", 80, 25),
        new("洗衣液(2公斤)", 30, 60),
    ];

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        var step = context.Step.Deserialize<Step>(Json);
        var zone = TownshipTime.Zone(context.Township);
        var today = TownshipTime.ToLocal(context.Township, clock.GetUtcNow().UtcDateTime).Date;
        foreach (var a in step?.Activities ?? DefaultActivities)
        {
            var localStart = today.AddDays(a.DaysFromNow).AddHours(a.StartHour);
            var start = new DateTimeOffset(localStart, zone.GetUtcOffset(localStart));
            var request = new ActivityRequest(a.Title, start, start.AddHours(a.Hours), a.Location, a.Points, a.Capacity, a.Type);
            var v = await createActivity.ValidateAsync(request, ct);
            if (!v.IsValid) throw new InvalidOperationException($"配方中的志愿活动“{a.Title}”无效:{string.Join(";", v.Errors.SelectMany(e => e.Value))}");
            await createActivity.ExecuteAsync(request, "系统", ct);
        }

        await SeedVolunteerAsync(zone, today, ct);

        if (!context.Township.IsEnabled(VolunteerFeatures.PointsExchange)) return;
        foreach (var item in step?.Items ?? DefaultItems)
        {
            var v = AddItem.Validate(item);
            if (!v.IsValid) throw new InvalidOperationException($"配方中的商品“{item.Name}”无效:{string.Join(";", v.Errors.SelectMany(e => e.Value))}");
            var name = item.Name!.Trim();
            if (await db.Items.AnyAsync(i => i.Name == name, ct)) continue;
            db.Items.Add(new ExchangeItem { Name = name, PointsCost = item.PointsCost!.Value, Stock = item.Stock!.Value, CreatedAt = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task SeedVolunteerAsync(TimeZoneInfo zone, DateTime today, CancellationToken ct)
    {
        await PointsSetup.SeedAsync(db, clock.GetUtcNow().UtcDateTime, ct);
        var user = await users.FindAsync(DemoVolunteer, ct);
        if (user is null) return;
        var team = await db.Teams.FirstAsync(t => t.Name == DemoTeam, ct);
        var village = (await directory.VillagesAsync(ct)).FirstOrDefault();
        team.Leader = user.UserName;
        team.VillageId ??= village?.Id;
        team.VillageName ??= village?.Name;
        await db.SaveChangesAsync(ct);
        await volunteering.SaveProfileAsync(user.UserName, new ProfileRequest(user.DisplayName.Length <= 50 ? user.DisplayName : user.DisplayName[..50], null, team.Id, village?.Id, "夜间巡逻、急救"), ct);

        var localStart = today.AddDays(-7).AddHours(19);
        var start = new DateTimeOffset(localStart, zone.GetUtcOffset(localStart));
        var past = await createActivity.ExecuteAsync(new ActivityRequest("平安志愿者巡逻(上周)", start, start.AddHours(2), "镇综治中心集合", 10, 20, ActivityTypes.Patrol, team.Id), "系统", ct);
        await checkIn.ExecuteAsync(past.Id, user.UserName, "系统", ct);
    }
}
