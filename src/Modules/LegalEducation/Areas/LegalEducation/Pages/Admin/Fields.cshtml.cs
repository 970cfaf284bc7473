using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Fields;

namespace Zhizhi.Orchard.LegalEducation.Pages.Admin;

/// <summary>The admin-defined fields of the content kinds: list, add, edit (<c>?edit=id</c>), remove.</summary>
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

    /// <summary>The field being edited, when <c>?edit=id</c> names one.</summary>
    public FieldDefinition? Editing { get; private set; }

    [BindProperty] public FieldEdit Edit { get; set; } = new();

    public sealed class FieldEdit
    {
        public string? Name { get; set; }
        public string? Label { get; set; }
        public string? HelpText { get; set; }
        public string Type { get; set; } = FieldTypes.Text;
        public bool Required { get; set; }
        public string? Choices { get; set; }
        /// <summary>Empty keeps the field's place.</summary>
        public int? Order { get; set; }
        public int Revision { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? edit, CancellationToken ct)
    {
        Items = await fields.ListAsync(null, ct);
        if (edit is null) return Page();
        Editing = Items.FirstOrDefault(f => f.Id == edit);
        if (Editing is null) return NotFound();
        Edit = new FieldEdit
        {
            Name = Editing.Name, Label = Editing.DisplayName, HelpText = Editing.HelpText, Type = Editing.Type, Required = Editing.Required,
            Choices = string.Join(",", Editing.Choices), Order = Editing.Order, Revision = Editing.Revision,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostEditAsync(int id, CancellationToken ct)
    {
        if (ModelState.TryGetValue("Edit.Order", out var order) && order.Errors.Count > 0)
        {
            // Not a whole number: said in Chinese beside the field, and nothing is saved.
            order.Errors.Clear();
            ModelState.AddModelError("Edit.Order", "排序应为整数");
            Items = await fields.ListAsync(null, ct);
            Editing = Items.FirstOrDefault(f => f.Id == id);
            return Editing is null ? NotFound() : Page();
        }
        var request = new FieldUpdateRequest(Edit.Name, Edit.Label, Edit.HelpText, Edit.Type, Edit.Required, SplitChoices(Edit.Choices), Edit.Order, Edit.Revision);
        var (outcome, _, v) = await fields.UpdateAsync(id, request, ct);
        switch (outcome)
        {
            case ManageFields.Outcome.NotFound: return NotFound();
            case ManageFields.Outcome.Invalid: ModelState.AddFieldErrors(v.Errors, "Edit"); break;
            case ManageFields.Outcome.Conflict: ModelState.AddModelError("", "字段已被他人修改,请刷新后重新编辑"); break;
            case ManageFields.Outcome.Duplicate: ModelState.AddModelError("Edit.Name", "这种内容类型已经有同名字段"); break;
            default:
                TempData["Message"] = $"已保存字段“{(string.IsNullOrWhiteSpace(Edit.Label) ? Edit.Name : Edit.Label)!.Trim()}”";
                return RedirectToPage();
        }
        Items = await fields.ListAsync(null, ct);
        Editing = Items.FirstOrDefault(f => f.Id == id);
        return Editing is null ? NotFound() : Page();
    }

    private static string[]? SplitChoices(string? text)
        => text?.Split([',', ',', '、', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new FieldDefinitionRequest(Input.Kind, Input.Name, Input.Type, Input.Required, SplitChoices(Input.Choices));
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
