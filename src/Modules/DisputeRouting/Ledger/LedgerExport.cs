using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.DisputeRouting.Ledger;

/// <summary>
/// The dispute ledger (台账) as an Excel workbook, with the list's filters. Phones are masked unless the caller
/// handles cases (个人信息保护法); each row says whether the case's hash-chained timeline is intact.
/// </summary>
internal static class LedgerExport
{
    public const int MaxRows = 10_000;
    private const int Batch = 500;

    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/api/disputes/export.xlsx", ExportAsync).RequirePermission(DisputePermissions.View)
            .WithTags("矛盾纠纷").WithSummary($"导出纠纷台账(Excel,最多 {MaxRows} 行)");

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(
        string? status, string? level, bool? overdue, string? village, string? category, DateOnly? from, DateOnly? to, string? q, string? grade,
        DisputesDbContext db, Township township, TimeProvider clock, IAuthorizationService authorization, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(grade) && !CaseGrades.All.Contains(grade)) return Problems.Invalid("grade", "等级须为 red(红)、yellow(黄)或 blue(蓝)");
        var now = clock.GetUtcNow().UtcDateTime;
        var handler = (await authorization.AuthorizeAsync(user, DisputePermissions.HandleName)).Succeeded;
        var cases = await CaseFilter.Apply(db.Cases.AsNoTracking(), township, now, status, level, overdue, village, category, from, to, q, grade)
            .OrderBy(c => c.Id).Take(MaxRows).Include(c => c.Parties).AsSplitQuery().ToListAsync(ct);
        var chains = new Dictionary<int, HashChain.Result>();
        foreach (var chunk in cases.Select(c => c.Id).Chunk(Batch))
        {
            var entries = await db.Timeline.AsNoTracking().Where(e => chunk.Contains(e.CaseId)).ToListAsync(ct);
            foreach (var group in entries.GroupBy(e => e.CaseId)) chains[group.Key] = HashChain.Verify([.. group]);
        }
        var rows = cases.Select(c =>
        {
            var d = c.ToDto(township, now, handler ? Audience.Handler : Audience.Staff, null);
            var chain = chains.GetValueOrDefault(c.Id);
            return new Dictionary<string, object?>
            {
                ["案件编号"] = d.CaseNo, ["标题"] = d.Title, ["类别"] = d.Category, ["等级"] = d.GradeName, ["村(社区)"] = d.Village ?? "",
                ["来源"] = CaseSources.Chinese(d.Source), ["上报时间"] = d.ReportedAt.ToString("yyyy-MM-dd HH:mm"),
                ["状态"] = d.StatusName, ["层级"] = d.LevelName, ["承办"] = d.Assignee ?? "",
                ["期限"] = d.Deadline?.ToString("yyyy-MM-dd HH:mm") ?? "", ["期限标记"] = DeadlineMarks.Chinese(d.Mark),
                ["化解层级"] = d.ResolvedLevel is null ? "" : CaseLevels.Chinese(d.ResolvedLevel),
                ["当事人"] = string.Join(";", d.Parties.Select(p => $"{p.Name}{(p.Role is null ? "" : $"({p.Role})")} {p.Phone}".Trim())),
                ["司法确认"] = d.JudicialConfirmation ? "是" : "否", ["满意度"] = d.Satisfaction?.ToString() ?? "",
                ["时间线核验"] = chain is null ? "无记录" : chain.Valid ? $"完整({chain.Entries} 条)" : $"被改动(第 {chain.BrokenAt} 条)",
            };
        }).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: "纠纷台账", cancellationToken: ct);
        var local = TownshipTime.ToLocal(township, now);
        return TypedResults.File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"纠纷台账-{local:yyyyMMdd}.xlsx");
    }
}
