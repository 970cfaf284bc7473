using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.Mediation.Mediators;

/// <summary>Checks and cleans what a mediator declares for conflict screening: home village, village group, kin and households.</summary>
public static class MediatorScreening
{
    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static List<string> CleanList(IEnumerable<string?>? items)
        => [.. (items ?? []).Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!.Trim()).Distinct()];

    /// <summary>One name per line (or separated by 、,;), as typed in the admin form.</summary>
    public static string?[] Split(string? text)
        => text is null ? [] : text.Split(['\n', '\r', '、', ',', ',', ';', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static void Validate(Validation v, string? group, IReadOnlyCollection<string?>? conflicts, string conflictsField)
    {
        v.Optional("villageGroup", group?.Trim(), "村民小组", MediatorLimits.GroupLength);
        var list = CleanList(conflicts);
        if (list.Count > MediatorLimits.MaxConflicts) v.Add(conflictsField, $"申报回避的亲属或户不能超过 {MediatorLimits.MaxConflicts} 项");
        foreach (var c in list.Where(c => c.Length > MediatorLimits.ConflictLength))
            v.Add(conflictsField, $"“{c[..10]}…”过长,每项不能超过 {MediatorLimits.ConflictLength} 个字符");
    }

    public static async Task<bool> KnownVillageAsync(ITownshipDirectory directory, string village, CancellationToken ct)
        => (await directory.VillagesAsync(ct)).Any(x => x.Name == village.Trim());
}
