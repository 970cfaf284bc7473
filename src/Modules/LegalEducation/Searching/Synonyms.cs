using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Data;

namespace Zhizhi.Orchard.LegalEducation.Searching;

/// <summary>
/// A group of words a township treats as the same when searching (e.g. 赡养 养老). Applied at query
/// time only, so editing the list needs no re-indexing and takes effect at once.
/// </summary>
public sealed class SynonymGroup
{
    public int Id { get; set; }
    public List<string> Words { get; set; } = [];
}

public sealed record SynonymGroupRequest(string?[]? Words);

public sealed record SynonymGroupDto(int Id, IReadOnlyList<string> Words);

internal static class SynonymRules
{
    public const int MaxGroups = 500;
    public const int MaxWords = 10;
    public const int MaxWordLength = 20;

    public static List<string> Clean(string?[]? words)
        => [.. (words ?? []).Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w!.Trim()).Distinct()];

    public static Validation Validate(SynonymGroupRequest r)
    {
        var v = new Validation();
        var words = Clean(r.Words);
        if (words.Count < 2) v.Add("words", "同义词组至少要有两个不同的词");
        else if (words.Count > MaxWords) v.Add("words", $"一组同义词不能超过 {MaxWords} 个");
        else if (words.Any(w => w.Length > MaxWordLength)) v.Add("words", $"每个词不能超过 {MaxWordLength} 个字符");
        else if (words.Any(w => w.Any(char.IsWhiteSpace))) v.Add("words", "词语中不能有空格");
        return v;
    }

    /// <summary>The township's groups as a lookup: word → the other words of every group it is in.</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> LookupAsync(LegalDbContext db, CancellationToken ct)
    {
        var groups = await db.Synonyms.AsNoTracking().Select(g => g.Words).ToListAsync(ct);
        return Lookup(groups);
    }

    public static IReadOnlyDictionary<string, string[]> Lookup(IEnumerable<List<string>> groups)
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in groups)
            foreach (var word in group)
            {
                if (!map.TryGetValue(word, out var set)) map[word] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                set.UnionWith(group.Where(w => !string.Equals(w, word, StringComparison.OrdinalIgnoreCase)));
            }
        return map.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
    }
}
