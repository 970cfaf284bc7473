using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Fields;

namespace Zhizhi.Orchard.LegalEducation.Pages.Admin;

/// <summary>The admin-defined fields of the content kinds: list, add, remove.</summary>
[Authorize(Policy = LegalPermissions.ManageName)]
public sealed class FieldsModel(ManageFields fields) : PageModel
{
    public IReadOnlyList<FieldDefinition> Items { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Kinds => ArticleKinds.All;
    public IReadOnlyDictionary<string, string> Types => FieldTypes.All;

    [BindProperty] public FieldInput Input { get; set; } = new();

    public sealed class FieldInput
    {
        public string Kind { get; set; } = ArticleKinds.Article;
        public string? Name { get; set; }
        public string Type { get; set; } = FieldTypes.Text;
        public bool Required { get; set; }
        public string? Choices { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => Items = await fields.ListAsync(null, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new FieldDefinitionRequest(Input.Kind, Input.Name, Input.Type, Input.Required,
            Input.Choices?.Split([',', ',', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var (outcome, _, v) = await fields.AddAsync(request, ct);
        switch (outcome)
        {
            case ManageFields.Outcome.Invalid: ModelState.AddFieldErrors(v.Errors); break;
            case ManageFields.Outcome.Duplicate: ModelState.AddModelError("Input.Name", "这种内容类型已经有同名字段"); break;
            case ManageFields.Outcome.TooMany: ModelState.AddModelError("Input.Name", $"每种内容类型最多 {FieldRules.MaxFieldsPerKind} 个字段"); break;
            default:
                TempData["Message"] = $"已添加字段“{Input.Name!.Trim()}”";
                return RedirectToPage();
        }
        Items = await fields.ListAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken ct)
    {
        TempData["Message"] = await fields.RemoveAsync(id, ct) ? "已删除字段(已填写的值不再显示)" : "字段不存在";
        return RedirectToPage();
    }
}
