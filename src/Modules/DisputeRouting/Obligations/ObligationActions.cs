using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Cases;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Workflows.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Obligations;

/// <summary>One obligation as sent with the <c>agreement</c> action; <see cref="Id"/> names an existing one to keep or change.</summary>
public sealed record ObligationItem(int? Id, string? Party, string? What, decimal? Amount, string? DueDate);

/// <summary>
/// The obligation part of the case actions: the <c>agreement</c> action edits the list, the <c>obligation</c> action
/// records fulfilment or breach (with re-mediation or the court path), and <c>close</c> waits until none is open.
/// Runs inside <see cref="CaseActions"/> after the case's own state check, before its timeline entry and save.
/// </summary>
public sealed class ObligationActions(DisputesDbContext db, IWorkflowRuntime workflows, ITownshipAccessor townships, IWorkingCalendar calendar,
    Organisation.CaseAssignment assignment)
{
    public const int MaxItems = 20;
    public const decimal MaxAmount = 100_000_000m;
    /// <summary>The signal a workflow may wait for to hear that an obligation was breached (payload: obligationId, path).</summary>
    public const string BreachSignal = "obligation-breached";

    /// <summary>Stop: answer with this instead of saving. Note: the timeline note. Signal: tell the workflow after the save.</summary>
    public sealed record Step(CaseActions.Result? Stop, string? Note, JsonObject? Signal = null);

    /// <summary>What can be checked without the case: shapes, lengths, amounts, date formats.</summary>
    public static void Validate(ActionRequest r, Validation v)
    {
        if (r.Action == "agreement" && r.Obligations is { } items)
        {
            if (items.Count > MaxItems) v.Add("obligations", $"履行事项不能超过 {MaxItems} 项");
            else
                for (var i = 0; i < items.Count; i++)
                {
                    var it = items[i];
                    var f = $"obligations[{i}]";
                    if (it is null) { v.Add(f, "履行事项不能为空"); continue; }
                    if (string.IsNullOrWhiteSpace(it.Party)) v.Add($"{f}.party", "请选择履行义务的当事人");
                    v.Required($"{f}.what", it.What, "履行内容", ObligationModel.WhatLength);
                    if (it.Amount is { } a && (a <= 0 || a > MaxAmount || decimal.Round(a, 2) != a))
                        v.Add($"{f}.amount", a <= 0 ? "金额须大于 0 元" : $"金额须为不超过 {MaxAmount:0} 元、最多两位小数的数");
                    if (string.IsNullOrWhiteSpace(it.DueDate)) v.Add($"{f}.dueDate", "请填写履行期限(日期)");
                    else if (ParseDate(it.DueDate) is null) v.Add($"{f}.dueDate", "履行期限须为日期,格式如 2026-12-01");
                }
        }
        if (r.Action == "obligation")
        {
            if (r.ObligationId is null) v.Add("obligationId", "请指明要登记的履行事项(obligationId)");
            if (r.Result is not ("fulfilled" or "breached")) v.Add("result", "请选择履行结果:fulfilled 履行完毕 或 breached 未履行");
            if (r.Result == "breached" && !ObligationPaths.All.Contains(r.Path))
                v.Add("path", "未履行须选择后续途径:remediate 重新调解 或 court 引导诉讼/申请强制执行");
            v.Optional("note", r.Note, "说明", ObligationModel.NoteLength);
        }
    }

    public static DateOnly? ParseDate(string? text)
        => DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public DateOnly Today(DateTime utcNow) => TownshipTime.Today(townships.Current, utcNow);

    public Task<Step?> ApplyAsync(DisputeCase c, ActionRequest r, DateTime now, string? actor, CancellationToken ct) => r.Action switch
    {
        "agreement" when r.Obligations is not null => EditAsync(c, r.Obligations, now, actor, ct),
        "obligation" => RecordAsync(c, r, now, actor, ct),
        "close" => CloseGuardAsync(c, ct),
        _ => Task.FromResult<Step?>(null),
    };

    private async Task<Step?> CloseGuardAsync(DisputeCase c, CancellationToken ct)
    {
        var open = await db.Obligations.AsNoTracking()
            .Where(o => o.CaseId == c.Id && (o.Status == ObligationStatus.Pending || o.Status == ObligationStatus.Overdue))
            .OrderBy(o => o.DueDate).ToListAsync(ct);
        if (open.Count == 0) return null;
        return Conflict(c, $"调解协议尚有 {open.Count} 项履行事项未履行完毕(如{open[0].Describe()}),须登记履行完毕或未履行后才能办结");
    }

    private static Step Conflict(DisputeCase c, string message) => new(new CaseActions.Result(CaseActions.Outcome.Conflict, c, message), null);

    private static Step Invalid(DisputeCase c, Validation v) => new(new CaseActions.Result(CaseActions.Outcome.Invalid, c, string.Join(";", v.Errors.SelectMany(e => e.Value)), v.Errors), null);

    /// <summary>The list sent replaces the agreement's: items with an id keep or change that one, items without are new, pending ones left out are removed.</summary>
    private async Task<Step?> EditAsync(DisputeCase c, List<ObligationItem?> items, DateTime now, string? actor, CancellationToken ct)
    {
        var existing = await db.Obligations.Where(o => o.CaseId == c.Id).ToListAsync(ct);
        var today = Today(now);
        var v = new Validation();
        var parsed = new List<(ObligationItem Item, Party Party, DateOnly Due, long? Fen, Obligation? Old)>();
        for (var i = 0; i < items.Count; i++)
        {
            var it = items[i]!;
            var f = $"obligations[{i}]";
            var old = it.Id is { } id ? existing.FirstOrDefault(o => o.Id == id) : null;
            if (it.Id is not null && old is null) v.Add($"{f}.id", "本案没有这个履行事项");
            else if (it.Id is not null && items.Take(i).Any(x => x?.Id == it.Id)) v.Add($"{f}.id", "同一履行事项不能重复提交");
            var name = it.Party!.Trim();
            var party = c.Parties.OrderBy(p => p.Id).FirstOrDefault(p => p.Name == name);
            if (party is null)
                v.Add($"{f}.party", c.Parties.Count == 0 ? "本案未登记当事人,无法指定履行义务人"
                    : $"“{(name.Length > 20 ? name[..20] + "…" : name)}”不是本案当事人,可选:{string.Join("、", c.Parties.Select(p => p.Name).Distinct())}");
            var due = ParseDate(it.DueDate)!.Value;
            if (due < today && (old is null || old.DueDate != due)) v.Add($"{f}.dueDate", $"履行期限不能早于今天({today:yyyy-MM-dd})");
            if (party is not null) parsed.Add((it, party, due, it.Amount is { } a ? (long?)(long)(a * 100) : null, old));
        }
        if (!v.IsValid) return Invalid(c, v);

        foreach (var o in existing.Where(x => !x.IsOpen || x.Status == ObligationStatus.Overdue))
        {
            var sent = parsed.FirstOrDefault(p => p.Old == o);
            var state = ObligationStatus.Chinese(o.Status);
            if (sent.Old is null) return Conflict(c, $"履行事项{o.Describe()}{state},不能删除");
            if (!Same(o, sent.Party, sent.Item.What!.Trim(), sent.Fen, sent.Due)) return Conflict(c, $"履行事项{o.Describe()}{state},不能修改");
        }
        var adds = parsed.Count(p => p.Old is null);
        var changes = parsed.Count(p => p.Old is { Status: ObligationStatus.Pending } old && !Same(old, p.Party, p.Item.What!.Trim(), p.Fen, p.Due));
        var removals = existing.Where(o => o.Status == ObligationStatus.Pending && parsed.All(p => p.Old != o)).ToList();
        if (c.Status == CaseStatus.Closed && adds + changes > 0) return Conflict(c, "案件已办结,不能再登记或修改履行事项");

        db.Obligations.RemoveRange(removals);
        foreach (var (item, party, due, fen, old) in parsed)
        {
            if (old is null)
            {
                db.Obligations.Add(new Obligation
                {
                    CaseId = c.Id, PartyId = party.Id, PartyName = party.Name, What = item.What!.Trim(), AmountFen = fen, DueDate = due,
                    CreatedAt = now, CreatedBy = actor,
                });
            }
            else if (old.Status == ObligationStatus.Pending && !Same(old, party, item.What!.Trim(), fen, due))
            {
                (old.PartyId, old.PartyName, old.What, old.AmountFen, old.DueDate) = (party.Id, party.Name, item.What!.Trim(), fen, due);
                old.Version++;
            }
        }
        var kept = parsed.Count;
        var note = $"调解协议已登记{(c.JudicialConfirmation ? ",申请司法确认" : "")};履行事项 {kept} 项"
                   + (adds + changes + removals.Count > 0 ? $"(新增 {adds}、修改 {changes}、删除 {removals.Count})" : "");
        return new Step(null, note);
    }

    private static bool Same(Obligation o, Party party, string what, long? fen, DateOnly due)
        => o.PartyId == party.Id && o.What == what && o.AmountFen == fen && o.DueDate == due;

    private async Task<Step?> RecordAsync(DisputeCase c, ActionRequest r, DateTime now, string? actor, CancellationToken ct)
    {
        var o = await db.Obligations.FirstOrDefaultAsync(x => x.Id == r.ObligationId && x.CaseId == c.Id, ct);
        if (o is null) return Invalid(c, new Validation().Add("obligationId", "本案没有这个履行事项"));
        if (!o.IsOpen) return Conflict(c, $"履行事项{o.Describe()}已登记为{ObligationStatus.Chinese(o.Status)},不能重复登记");
        var today = Today(now);
        if (r.Result == ObligationStatus.Breached && o.Status == ObligationStatus.Pending && o.DueDate >= today)
            return Conflict(c, $"履行事项{o.Describe()}的履行期限未到,不能认定未履行");
        var extra = string.IsNullOrWhiteSpace(r.Note) ? "" : $";{r.Note.Trim()}";
        o.Status = r.Result!;
        o.DecidedAt = now;
        o.DecidedBy = actor;
        o.Note = string.IsNullOrWhiteSpace(r.Note) ? null : r.Note.Trim();
        o.Version++;
        if (o.Status == ObligationStatus.Fulfilled) return new Step(null, $"履行事项{o.Describe()}已履行完毕{extra}");

        o.Path = r.Path;
        var signal = new JsonObject { ["obligationId"] = o.Id, ["path"] = o.Path, ["what"] = o.What, ["party"] = o.PartyName };
        if (o.Path == ObligationPaths.Court)
        {
            c.CourtPath = ObligationPaths.CourtText(c.JudicialConfirmation);
            var text = c.JudicialConfirmation ? "协议已经司法确认,引导当事人向人民法院申请强制执行" : "引导当事人就调解协议向人民法院提起诉讼";
            return new Step(null, $"履行事项{o.Describe()}未履行:{text}{extra}", signal);
        }
        var reopened = await ReopenAsync(c, now, ct);
        return new Step(null, $"履行事项{o.Describe()}未履行,重新调解:{reopened}{extra}", signal);
    }

    /// <summary>
    /// Re-mediation: a settled case goes back to 调处中 at the township level (or stays at the county), with that
    /// level's deadline as the case's routing workflow sets it (the built-in recipes'), else P15D, and the assignee the
    /// township's assignment rules choose for that level, else the workflow's.
    /// </summary>
    private async Task<string> ReopenAsync(DisputeCase c, DateTime now, CancellationToken ct)
    {
        if (c.IsOpen) return $"案件仍在{CaseLevels.Chinese(c.Level)}调处中";
        var level = CaseLevels.Rank(c.Level) > CaseLevels.Rank(CaseLevels.Township) ? c.Level! : CaseLevels.Township;
        var (deadline, assignee) = LevelPlan.Of(c.WorkflowId, level);
        c.Status = CaseStatus.Accepted;
        c.Level = level;
        // The township's 分派规则 and organisation tree choose as they do when the workflow routes a case to a level.
        c.Assignee = (await assignment.ChooseAsync(c, level, ct))?.Assignee ?? assignee ?? c.Assignee;
        c.LevelSince = HashChain.Normalize(now);
        c.DeadlineAt = deadline is null ? null : await Deadlines.DueAsync(calendar, now, deadline, ct);
        c.ResolvedAt = null;
        c.ResolvedLevel = null;
        c.ClosedAt = null;
        // The earlier rating was of the settlement that failed; the timeline keeps it, the new outcome gets its own.
        c.Satisfaction = null;
        c.PausedAt = null;
        c.PauseReason = null;
        // A county settlement that was not honoured goes back into the county's inbox (in this step's transaction).
        if (level == CaseLevels.County) db.Publish(new County.CaseReferredToCounty(c.Id, now), now);
        return $"案件重新进入{CaseLevels.Chinese(level)}调处{(c.Assignee is null ? "" : ",承办:" + c.Assignee)}";
    }

    /// <summary>Resumes a workflow of the case that waits for <see cref="BreachSignal"/>; a finished one has nothing to hear.</summary>
    public Task<int> InformWorkflowAsync(string correlationId, JsonObject payload, CancellationToken ct)
        => workflows.SignalAsync(correlationId, BreachSignal, payload, ct);
}
