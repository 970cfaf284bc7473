using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Demo;

/// <summary>
/// Recipe step "disputes-demo": a few cases taken from the seed reports, filed and acted on through the same use
/// cases as staff (so each is routed by the township's workflow and has a true timeline), left in several states.
/// Runs only on a township without cases (re-runnable). "cases" in the step replaces the built-in set.
/// </summary>
internal sealed class DisputeDemoRecipeStep(DisputesDbContext db, ReportDispute report, CaseActions actions, ITownshipDirectory directory) : IRecipeStep
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    public string Name => "disputes-demo";

    private sealed record DemoCase(string Title, string Description, string Category, string Source, PartyRequest[] Parties, string[] Actions, string? Terms = null, int? Satisfaction = null);

    private sealed record Step(DemoCase[]? Cases);

    private static readonly DemoCase[] Defaults =
    [
        new("屋顶瓦片滑落砸坏邻居车棚", "两户相邻,一户屋顶瓦片被风吹落砸坏邻居车棚,双方就赔偿数额争执不下,在油茶屋调解室边喝茶边调解。", "邻里纠纷", "walk-in",
            [new("陈某", "13857401234", "申请人"), new("刘某", "13957405678", "被申请人")],
            ["accept", "resolve", "close", "revisit"], "刘某于三日内修复车棚并赔偿陈某 400 元,双方和好,不再追究。", 5),
        new("三兄弟赡养老母亲意见分歧", "老人年过八旬,三个儿子对轮流赡养和医药费分担意见不一,网格员走访时发现并上报。", "赡养继承", "grid",
            [new("王大", "13600001111", "当事人"), new("王二", null, "当事人"), new("王三", null, "当事人")], ["accept"]),
        new("两村山林界址争议", "两村村民对交界处一片山林的界址各执一词,村级调解未能达成一致,上交镇调委会。", "土地/山林权属", "walk-in",
            [new("李某", "13700002222", "申请人"), new("赵某", "13700003333", "被申请人")], ["accept", "fail"]),
        new("工地拖欠十二名农民工工资", "12345 热线转来:某工地拖欠 12 名农民工工资约 18 万元,临近年关,情绪较大。", "劳资/欠薪", "hotline",
            [new("农民工代表张某", "13500004444", "申请人")], []),
        new("离婚后子女探望权纠纷", "双方离婚后对子女探望时间安排有分歧,经村调委会调解达成探望协议。", "婚姻家庭", "walk-in",
            [new("周某", "13800005555", "申请人"), new("吴某", "13800006666", "被申请人")], ["accept", "resolve"], "吴某每月第一、三周周末可接子女探望,寒暑假各增加一周。"),
    ];

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken ct)
    {
        if (await db.Cases.AnyAsync(ct)) return;
        var step = context.Step.Deserialize<Step>(Json);
        var villages = (await directory.VillagesAsync(ct)).Select(v => v.Name).ToList();
        var i = 0;
        foreach (var d in step?.Cases ?? Defaults)
        {
            var village = villages.Count == 0 ? null : villages[i++ % villages.Count];
            var request = new ReportRequest(d.Title, d.Description, d.Category, village, d.Source, [.. d.Parties]);
            var reporter = new Reporter(null, d.Source == "grid" ? "网格员" : "综治中心窗口", IsStaff: true);
            var v = await report.ValidateAsync(request, reporter, ct);
            if (!v.IsValid) throw new InvalidOperationException($"配方中的纠纷“{d.Title}”无效:{string.Join(";", v.Errors.SelectMany(e => e.Value))}");
            var c = await report.ExecuteAsync(request, reporter, null, ct);
            foreach (var action in d.Actions)
            {
                var r = await actions.ExecuteWithRetryAsync(c.Id, new ActionRequest(action, null, action == "revisit" ? d.Satisfaction : null, null,
                    action == "resolve" ? d.Terms : null, null), "调解员", ct);
                if (r.Outcome != CaseActions.Outcome.Done) throw new InvalidOperationException($"配方中的纠纷“{d.Title}”无法执行“{action}”:{r.Message}");
                db.ChangeTracker.Clear();
            }
        }
    }
}
