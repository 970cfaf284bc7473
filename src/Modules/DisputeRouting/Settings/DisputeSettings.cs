using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.Http;

namespace Zhizhi.Orchard.DisputeRouting.Settings;

public sealed record SettingsDto(string CaseNoPrefix, string WorkflowId);

/// <summary>The township's dispute settings: case number prefix (HJ → HJ-2026-000123) and the routing workflow's id.</summary>
public sealed partial class DisputeSettings(DisputesDbContext db)
{
    public const string PrefixKey = "caseNoPrefix";
    public const string WorkflowKey = "workflowId";
    public const string DefaultPrefix = "JF";
    public const string DefaultWorkflow = "dispute-three-level";

    public async Task<SettingsDto> GetAsync(CancellationToken ct)
    {
        var all = await db.Settings.AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        return new(all.GetValueOrDefault(PrefixKey, DefaultPrefix), all.GetValueOrDefault(WorkflowKey, DefaultWorkflow));
    }

    public static Validation Validate(SettingsDto? s)
    {
        var v = new Validation();
        if (s is null) return v.Add("caseNoPrefix", "请求体不能为空");
        if (string.IsNullOrWhiteSpace(s.CaseNoPrefix) || !PrefixPattern().IsMatch(s.CaseNoPrefix.Trim()))
            v.Add("caseNoPrefix", "案件编号前缀须为 1-8 位大写字母或数字,如 HJ");
        if (string.IsNullOrWhiteSpace(s.WorkflowId) || s.WorkflowId.Trim().Length > 100)
            v.Add("workflowId", "请填写调处流程的编号(不超过 100 个字符)");
        return v;
    }

    /// <summary>Last writer wins; a parallel first save updates the rows the other one added.</summary>
    public Task SaveAsync(SettingsDto s, CancellationToken ct) => db.SaveUpsertAsync(async () =>
    {
        await SetAsync(PrefixKey, s.CaseNoPrefix.Trim(), ct);
        await SetAsync(WorkflowKey, s.WorkflowId.Trim(), ct);
    }, ct);

    private async Task SetAsync(string key, string value, CancellationToken ct)
    {
        var row = await db.Settings.FindAsync([key], ct);
        if (row is null) db.Settings.Add(new DisputeSetting { Key = key, Value = value });
        else row.Value = value;
    }

    [GeneratedRegex("^[A-Z0-9]{1,8}$")]
    private static partial Regex PrefixPattern();
}
