using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.DisputeRouting.Settings;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Townships.Contracts;
using Zhizhi.Orchard.Workflows.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Cases;

public sealed record PartyRequest(string? Name, string? Phone, string? Role, string? VillageGroup = null, string? Address = null);

public sealed record ReportRequest(string? Title, string? Description, string? Category, string? Village, string? Source, List<PartyRequest>? Parties);

public sealed record Reporter(string? Id, string? Name, bool IsStaff);

/// <summary>Files a case: a number from the township's yearly counter, the first timeline entry, then the township's routing workflow.</summary>
public sealed partial class ReportDispute(
    DisputesDbContext db, DisputeSettings settings, ITownshipDirectory directory, IWorkflowRuntime workflows,
    TimeProvider clock, ITownshipAccessor township, ILogger<ReportDispute> logger)
{
    public const int MaxParties = 20;
    /// <summary>Longest 村民小组 of a party (the mediators' declared group has the same limit).</summary>
    public const int GroupLength = 50;

    public static string CorrelationId(int caseId) => $"dispute-{caseId}";

    public async Task<Validation> ValidateAsync(ReportRequest? r, Reporter reporter, CancellationToken ct)
    {
        var v = new Validation();
        if (r is null) return v.Add("title", "请求体不能为空");
        v.Required("title", r.Title, "标题", DisputesDbContext.TitleLength)
         .Required("description", r.Description, "纠纷情况", DisputesDbContext.DescriptionLength);
        if (string.IsNullOrWhiteSpace(r.Category)) v.Add("category", "纠纷类别不能为空");
        else if (!await db.Categories.AnyAsync(c => c.Name == r.Category.Trim() && !c.Retired, ct))
            v.Add("category", $"没有“{Short(r.Category)}”这个纠纷类别,请从本乡镇的分类中选择");
        if (!string.IsNullOrWhiteSpace(r.Village))
        {
            var name = r.Village.Trim();
            var villages = await directory.VillagesAsync(ct);
            if (!villages.Any(x => x.Name == name)) v.Add("village", $"本乡镇没有“{Short(name)}”这个村(社区)");
        }
        if (string.IsNullOrWhiteSpace(r.Source)) v.Add("source", "来源不能为空(resident、grid、walk-in、booking 或 hotline)");
        else if (!CaseSources.All.Contains(r.Source)) v.Add("source", $"未知的来源“{Short(r.Source)}”,可选 resident、grid、walk-in、booking、hotline");
        else if (!reporter.IsStaff && r.Source != "resident") v.Add("source", "群众只能以网上反映(resident)的方式上报");
        if (r.Parties is { Count: > MaxParties }) v.Add("parties", $"当事人不能超过 {MaxParties} 位");
        else if (r.Parties is not null)
        {
            for (var i = 0; i < r.Parties.Count; i++)
            {
                var p = r.Parties[i];
                if (p is null) { v.Add($"parties[{i}]", "当事人不能为空"); continue; }
                v.Required($"parties[{i}].name", p.Name, "当事人姓名", DisputesDbContext.NameLength)
                 .Optional($"parties[{i}].role", p.Role, "当事人身份", 50)
                 .Optional($"parties[{i}].villageGroup", p.VillageGroup, "村民小组", GroupLength)
                 .Optional($"parties[{i}].address", p.Address, "住址", 200);
                if (!string.IsNullOrWhiteSpace(p.Phone) && !PhonePattern().IsMatch(p.Phone.Trim()))
                    v.Add($"parties[{i}].phone", "联系电话格式不正确(6-20 位数字,可含 + 和 -)");
            }
        }
        return v;
    }

    private static string Short(string s) => s.Length > 30 ? s[..30] + "…" : s;

    public async Task<DisputeCase> ExecuteAsync(ReportRequest r, Reporter reporter, int? bookingId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var current = await settings.GetAsync(ct);
        var year = TownshipTime.ToLocal(township.Current, now).Year;
        DisputeCase c;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var seq = await NextNumberAsync(year, ct);
            c = new DisputeCase
            {
                CaseNo = $"{current.CaseNoPrefix}-{year}-{seq:000000}", Year = year, Seq = seq,
                Title = r.Title!.Trim(), Description = r.Description!.Trim(), Category = r.Category!.Trim(),
                Village = string.IsNullOrWhiteSpace(r.Village) ? null : r.Village.Trim(), Source = r.Source!,
                ReporterId = reporter.Id, ReporterName = reporter.Name, ReportedAt = HashChain.Normalize(now),
                BookingId = bookingId, WorkflowId = current.WorkflowId,
                Parties = [.. (r.Parties ?? []).Select(p => new Party
                {
                    Name = p.Name!.Trim(), Phone = string.IsNullOrWhiteSpace(p.Phone) ? null : p.Phone.Trim(),
                    Role = string.IsNullOrWhiteSpace(p.Role) ? null : p.Role.Trim(),
                    VillageGroup = string.IsNullOrWhiteSpace(p.VillageGroup) ? null : p.VillageGroup.Trim(),
                    Address = string.IsNullOrWhiteSpace(p.Address) ? null : p.Address.Trim(),
                })],
            };
            db.Cases.Add(c);
            await db.SaveChangesAsync(ct);
            await HashChain.AppendAsync(db, c, now, "reported", reporter.Name,
                $"{CaseSources.Chinese(c.Source)}:{c.Title}(编号 {c.CaseNo})", isPublic: true, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await StartWorkflowAsync(c, ct);
        return c;
    }

    /// <summary>The database hands out the number: an upsert of the year's row and an UPDATE … RETURNING under the write lock.</summary>
    private async Task<int> NextNumberAsync(int year, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync($"INSERT INTO disputes_counters (\"Year\", \"Next\") VALUES ({year}, 0) ON CONFLICT (\"Year\") DO NOTHING", ct);
        var next = await db.Database.SqlQuery<int>($"UPDATE disputes_counters SET \"Next\" = \"Next\" + 1 WHERE \"Year\" = {year} RETURNING \"Next\" AS \"Value\"").ToListAsync(ct);
        return next.Single();
    }

    private async Task StartWorkflowAsync(DisputeCase c, CancellationToken ct)
    {
        var input = new JsonObject { ["caseId"] = c.Id, ["caseNo"] = c.CaseNo, ["category"] = c.Category, ["village"] = c.Village, ["source"] = c.Source };
        var started = await workflows.StartAsync(c.WorkflowId!, input, CorrelationId(c.Id), ct);
        if (started is null)
        {
            LogNoWorkflow(logger, c.CaseNo, c.WorkflowId!);
            var tracked = await db.Cases.FirstAsync(x => x.Id == c.Id, ct);
            await HashChain.AppendAsync(db, tracked, clock.GetUtcNow().UtcDateTime, "note", "系统",
                $"调处流程“{c.WorkflowId}”不存在或已停用,案件未能自动分派,请人工处理", isPublic: false, ct);
            await db.SaveChangesAsync(ct);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Dispute {CaseNo}: workflow {WorkflowId} is missing or disabled; the case was not routed")]
    private static partial void LogNoWorkflow(ILogger logger, string caseNo, string workflowId);

    [GeneratedRegex(@"^\+?[0-9][0-9\-]{5,19}$")]
    private static partial Regex PhonePattern();
}
