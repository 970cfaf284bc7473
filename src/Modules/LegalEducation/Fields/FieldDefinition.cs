using System.Globalization;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Articles;

namespace Zhizhi.Orchard.LegalEducation.Fields;

/// <summary>
/// A field a township admin adds to one content kind (e.g. "发文字号" on notices): it appears in the
/// editor, on the article page and in the search index. Values live in <see cref="Article.Fields"/> by name.
/// </summary>
public sealed class FieldDefinition
{
    public int Id { get; set; }
    public required string Kind { get; set; }
    public required string Name { get; set; }
    public required string Type { get; set; }
    public bool Required { get; set; }
    /// <summary>The allowed values of a choice field, in display order.</summary>
    public List<string> Choices { get; set; } = [];
    public int Order { get; set; }
    /// <summary>What editors and readers see; null shows <see cref="Name"/>, which stays the key of the stored values.</summary>
    public string? Label { get; set; }
    /// <summary>A hint shown under the input in the editor.</summary>
    public string? HelpText { get; set; }
    /// <summary>Raised by every edit; an edit based on an older revision is refused (optimistic concurrency).</summary>
    public int Revision { get; set; }

    public string DisplayName => string.IsNullOrWhiteSpace(Label) ? Name : Label;
}

internal static class FieldTypes
{
    public const string Text = "text";
    public const string Number = "number";
    public const string Date = "date";
    public const string Choice = "choice";

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [Text] = "文本", [Number] = "数字", [Date] = "日期", [Choice] = "选项",
    };
}

/// <summary>What an admin sends to add or change a field.</summary>
public sealed record FieldDefinitionRequest(string? Kind, string? Name, string? Type, bool Required = false, string?[]? Choices = null);

public sealed record FieldDefinitionDto(int Id, string Kind, string Name, string Type, bool Required, IReadOnlyList<string> Choices, int Order,
    string Label, string? HelpText, int Revision);

/// <summary>
/// An edit of a field: label, help text, required flag, choices and order can always change; the key (name) and the
/// type only while no content uses the field. <paramref name="Revision"/> is the revision the edit is based on.
/// </summary>
public sealed record FieldUpdateRequest(string? Name, string? Label, string? HelpText, string? Type, bool Required = false, string?[]? Choices = null,
    int? Order = null, int? Revision = null);

internal static class FieldRules
{
    public const int MaxNameLength = 20;
    public const int MaxFieldsPerKind = 20;
    public const int MaxChoices = 30;
    public const int MaxChoiceLength = 30;
    public const int MaxTextLength = 500;
    public const int MaxHelpTextLength = 200;
    public const int MaxOrder = 999;

    public static FieldDefinitionDto ToDto(this FieldDefinition f)
        => new(f.Id, f.Kind, f.Name, f.Type, f.Required, f.Choices, f.Order, f.DisplayName, f.HelpText, f.Revision);

    /// <summary>The checks of an edit that need no database: the same rules as adding, plus label, help text and order.</summary>
    public static Validation ValidateUpdate(FieldUpdateRequest r, string kind)
    {
        var v = Validate(new FieldDefinitionRequest(kind, r.Name, r.Type, r.Required, r.Choices));
        v.Optional("label", r.Label, "显示名称", MaxNameLength);
        if (!string.IsNullOrWhiteSpace(r.Label) && r.Label.IndexOfAny(['<', '>']) >= 0) v.Add("label", "显示名称不能包含 < > 符号");
        v.Optional("helpText", r.HelpText, "填写说明", MaxHelpTextLength);
        if (r.Order is < 0 or > MaxOrder) v.Add("order", $"排序须为 0 到 {MaxOrder} 之间的整数");
        return v;
    }

    public static Validation Validate(FieldDefinitionRequest r)
    {
        var v = new Validation().Required("name", r.Name, "字段名称", MaxNameLength);
        if (!string.IsNullOrWhiteSpace(r.Name) && r.Name.IndexOfAny(['[', ']', '.', '<', '>', '"']) >= 0)
            v.Add("name", "字段名称不能包含 [ ] . < > \" 等符号");
        if (r.Kind is null || !ArticleKinds.All.ContainsKey(r.Kind))
            v.Add("kind", $"内容类型须为:{string.Join("、", ArticleKinds.All.Select(k => $"{k.Key}({k.Value})"))}");
        if (r.Type is null || !FieldTypes.All.ContainsKey(r.Type))
            v.Add("type", $"字段类型须为:{string.Join("、", FieldTypes.All.Select(k => $"{k.Key}({k.Value})"))}");
        if (r.Type == FieldTypes.Choice)
        {
            var choices = CleanChoices(r.Choices);
            if (choices.Count == 0) v.Add("choices", "选项字段至少要有一个选项");
            else if (choices.Count > MaxChoices) v.Add("choices", $"选项不能超过 {MaxChoices} 个");
            else if (choices.Any(c => c.Length > MaxChoiceLength)) v.Add("choices", $"每个选项不能超过 {MaxChoiceLength} 个字符");
        }
        else if (r.Choices is { Length: > 0 } && r.Choices.Any(c => !string.IsNullOrWhiteSpace(c))) v.Add("choices", "只有选项字段才能设置选项");
        return v;
    }

    public static List<string> CleanChoices(string?[]? choices)
        => [.. (choices ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!.Trim()).Distinct()];

    /// <summary>
    /// Checks an article's field values against its kind's definitions and returns them normalised
    /// (numbers in invariant form, dates as yyyy-MM-dd). Unknown names are refused, not dropped.
    /// </summary>
    public static Dictionary<string, string> Check(IReadOnlyDictionary<string, string?>? values, IReadOnlyList<FieldDefinition> definitions, Validation v)
    {
        var clean = new Dictionary<string, string>(StringComparer.Ordinal);
        values ??= new Dictionary<string, string?>();
        foreach (var name in values.Keys.Where(k => definitions.All(d => d.Name != k)))
            v.Add($"fields.{name}", definitions.Count == 0
                ? $"未知的字段“{Shorten(name)}”:这种内容类型没有自定义字段"
                : $"未知的字段“{Shorten(name)}”,可用:{string.Join("、", definitions.Select(d => d.Name))}");
        foreach (var d in definitions)
        {
            var key = $"fields.{d.Name}";
            var raw = values.TryGetValue(d.Name, out var given) ? given?.Trim() : null;
            if (string.IsNullOrEmpty(raw))
            {
                if (d.Required) v.Add(key, $"请填写“{d.DisplayName}”");
                continue;
            }
            switch (d.Type)
            {
                case FieldTypes.Number:
                    if (decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)) clean[d.Name] = n.ToString(CultureInfo.InvariantCulture);
                    else v.Add(key, $"“{d.DisplayName}”须为数字,例如 12 或 3.5");
                    break;
                case FieldTypes.Date:
                    if (DateOnly.TryParseExact(raw, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        clean[d.Name] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    else v.Add(key, $"“{d.DisplayName}”须为有效日期,例如 2026-12-01");
                    break;
                case FieldTypes.Choice:
                    if (d.Choices.Contains(raw)) clean[d.Name] = raw;
                    else v.Add(key, $"“{d.DisplayName}”须为:{string.Join("、", d.Choices)}");
                    break;
                default:
                    if (raw.Length > MaxTextLength) v.Add(key, $"“{d.DisplayName}”不能超过 {MaxTextLength} 个字符");
                    else clean[d.Name] = raw;
                    break;
            }
        }
        return clean;
    }

    private static string Shorten(string s) => s.Length > 20 ? s[..20] + "…" : s;
}

/// <summary>What the public page and the preview show of an article's field values: defined fields only, in order, under their labels.</summary>
internal static class FieldLabels
{
    public static Dictionary<string, string> Shown(IEnumerable<(string Name, string? Label)> defined, IReadOnlyDictionary<string, string> values)
    {
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, label) in defined)
            if (values.TryGetValue(name, out var value)) shown.TryAdd(string.IsNullOrWhiteSpace(label) ? name : label, value);
        return shown;
    }
}
