using Zhizhi.Orchard.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.LegalEducation.Articles;
using Zhizhi.Orchard.LegalEducation.Categories;
using Zhizhi.Orchard.LegalEducation.Data;

namespace Zhizhi.Orchard.LegalEducation.Pages.Admin;

/// <summary>Writes a new article (no id) or edits one; each save is a new version.</summary>
[Authorize(Policy = LegalPermissions.ManageName)]
public sealed class EditModel(LegalDbContext db, SaveArticle save, RestoreVersion restore, CategoryList categoryList, ITownshipAccessor townships, Media.LegalMedia media) : PageModel
{
    public Township Township => townships.Current;
    public int? Id { get; private set; }
    public string? Status { get; private set; }
    public DateTime? PublishedAt { get; private set; }
    public int CurrentVersion { get; private set; }
    public IReadOnlyList<string> Categories { get; private set; } = [];
    public IReadOnlyList<ArticleVersion> Versions { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Kinds => ArticleKinds.All;
    public IReadOnlyList<string> AudienceNames => Audiences.All;
    public IReadOnlyList<string> LawStatusNames => LawStatuses.All;
    public IReadOnlyList<Fields.FieldDefinition> Definitions { get; private set; } = [];

    /// <summary>A new cover image, sent with the form (multipart).</summary>
    [BindProperty] public Microsoft.AspNetCore.Http.IFormFile? CoverFile { get; set; }

    [BindProperty] public ArticleInput Input { get; set; } = new();

    public sealed class ArticleInput
    {
        public string? Title { get; set; }
        public string? Body { get; set; }
        public string Format { get; set; } = ArticleFormats.Markdown;
        public string? Category { get; set; }
        public string? Tags { get; set; }
        public string? Summary { get; set; }
        public string? Audience { get; set; }
        public string Kind { get; set; } = ArticleKinds.Article;
        public string? LawIssuer { get; set; }
        public string? LawEffectiveDate { get; set; }
        public string? LawStatus { get; set; }
        public string? CoverImage { get; set; }
        public bool RemoveCover { get; set; }
        public bool Featured { get; set; }
        public Dictionary<string, string?> Fields { get; set; } = [];

        /// <summary>The law fields and custom fields of other kinds are on the form too; only the chosen kind's are sent.</summary>
        public ArticleRequest ToRequest(IReadOnlyList<Fields.FieldDefinition> definitions)
        {
            var isLaw = Kind == ArticleKinds.Law;
            var own = definitions.Where(d => d.Kind == Kind).Select(d => d.Name).ToHashSet();
            return new(Title, Body, Format, Category,
                Tags?.Split([',', ',', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                Summary, string.IsNullOrEmpty(Audience) ? null : Audience, Kind,
                isLaw ? Empty(LawIssuer) : null, isLaw ? Empty(LawEffectiveDate) : null, isLaw ? Empty(LawStatus) : null,
                RemoveCover ? null : Empty(CoverImage), Featured,
                Fields.Where(f => own.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value));
        }

        private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    /// <summary>The message beside a custom field, if any (the use case reports them as "fields.名称").</summary>
    /// <summary>The label of a field of the article's kind, for the version list; the key when the field is gone.</summary>
    public string FieldLabel(string name) => Definitions.FirstOrDefault(d => d.Kind == Input.Kind && d.Name == name)?.DisplayName ?? name;

    public string? FieldError(string name)
        => ModelState.TryGetValue("Input.Fields." + name, out var entry) && entry.Errors.Count > 0 ? string.Join(";", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (id is not null)
        {
            var a = await db.Articles.AsNoTracking().FirstAsync(x => x.Id == id, ct);
            Input = new ArticleInput
            {
                Title = a.Title, Body = a.Body, Format = a.Format, Category = a.Category, Tags = string.Join(",", a.Tags),
                Summary = a.Summary, Audience = a.Audience, Kind = a.Kind,
                LawIssuer = a.LawIssuer, LawEffectiveDate = a.LawEffectiveDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                LawStatus = a.LawStatus, CoverImage = a.CoverImage, Featured = a.Featured,
                Fields = a.Fields.ToDictionary(f => f.Key, f => (string?)f.Value),
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (CoverFile is not null)
        {
            // Checked before the article: a refused image leaves the article unsaved, with the reason beside the field.
            var (saved, _, error) = await media.SaveAsync(Township, CoverFile, ct);
            if (saved is null) ModelState.AddModelError("CoverFile", error!);
            else { Input.CoverImage = saved.Path; Input.RemoveCover = false; }
        }
        var request = Input.ToRequest(Definitions);
        ModelState.AddFieldErrors((await save.ValidateAsync(request, ct)).Errors);
        if (!ModelState.IsValid) return Page();
        var article = id is null
            ? await save.CreateAsync(request, User.Identity?.Name, ct)
            : await save.UpdateAsync(id.Value, request, User.Identity?.Name, ct);
        if (article is null) return NotFound();
        TempData["Message"] = id is null ? "已保存为草稿" : "已保存为新版本";
        return Redirect(Url.Content($"~/admin/legal/edit/{article.Id}"));
    }

    public async Task<IActionResult> OnPostRestoreAsync(int? id, int number, CancellationToken ct)
    {
        if (id is null) return NotFound();
        var article = await restore.RestoreAsync(id.Value, number, User.Identity?.Name, ct);
        if (article is null) return NotFound();
        TempData["Message"] = $"已恢复第 {number} 版,保存为第 {article.Version} 版";
        return Redirect(Url.Content($"~/admin/legal/edit/{article.Id}"));
    }

    private async Task<bool> LoadAsync(int? id, CancellationToken ct)
    {
        Categories = await categoryList.NamesAsync(ct);
        Definitions = await db.FieldDefinitions.AsNoTracking().OrderBy(f => f.Kind).ThenBy(f => f.Order).ThenBy(f => f.Id).ToListAsync(ct);
        if (id is null) return true;
        var article = await db.Articles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (article is null) return false;
        Id = id;
        Status = article.Status;
        PublishedAt = article.PublishedAt;
        CurrentVersion = article.Version;
        Versions = await db.Versions.AsNoTracking().Where(v => v.ArticleId == id).OrderByDescending(v => v.Number).ToListAsync(ct);
        return true;
    }
}
