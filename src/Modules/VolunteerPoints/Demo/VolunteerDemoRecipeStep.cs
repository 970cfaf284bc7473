using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.VolunteerPoints.Activities;
using Zhizhi.Orchard.VolunteerPoints.Data;
using Zhizhi.Orchard.VolunteerPoints.Exchange;

namespace Zhizhi.Orchard.VolunteerPoints.Demo;

/// <summary>
/// Recipe step "volunteer-demo": upcoming activities of a few teams and the exchange shop's shelves.
/// Without a body it uses the built-in demo set; "activities" / "items" in the step replace it.
/// Items are added only when PointsExchange is on; existing item names are left alone (re-runnable).
/// </summary>
internal sealed class VolunteerDemoRecipeStep(PointsDbContext db, CreateActivity createActivity, TimeProvider clock) : IRecipeStep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string Name => "volunteer-demo";

    private sealed record DemoActivity(string Title, string Location, int DaysFromNow, int StartHour, int Hours, int Points, int Capacity);

    private sealed record Step(DemoActivity[]? Activities, ItemRequest[]? Items);

    private static readonly DemoActivity[] DefaultActivities =
    [
        new("平安志愿者巡逻", "镇综治中心集合", 2, 19, 2, 10, 20),
        new("普法宣传进村入户", "村文化礼堂", 4, 9, 3, 15, 15),
        new("环境整治:河道清洁", "村口河埠头", 6, 8, 3, 12, 30),
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
            var request = new ActivityRequest(a.Title, start, start.AddHours(a.Hours), a.Location, a.Points, a.Capacity);
            var v = await createActivity.ValidateAsync(request, ct);
            if (!v.IsValid) throw new InvalidOperationException($"配方中的志愿活动“{a.Title}”无效:{string.Join(";", v.Errors.SelectMany(e => e.Value))}");
            await createActivity.ExecuteAsync(request, "系统", ct);
        }

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
}
