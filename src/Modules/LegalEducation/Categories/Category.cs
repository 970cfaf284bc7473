using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.Recipes;

namespace Zhizhi.Orchard.LegalEducation.Categories;

/// <summary>A content category. In JSON a category is its Chinese name.</summary>
public sealed class Category
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int Order { get; set; }
    public bool Retired { get; set; }
}

internal static class DefaultCategories
{
    /// <summary>The contract's list: every new township starts with these.</summary>
    public static readonly string[] Names =
        ["婚姻家庭", "赡养继承", "邻里纠纷", "土地/山林权属", "劳资/欠薪", "工伤", "交通事故", "医疗纠纷", "物业纠纷", "征地拆迁", "涉企纠纷", "民族事务", "其他"];

    public const string Other = "其他";
}

/// <summary>Seeds the default categories when the feature is enabled; idempotent (enabling twice adds nothing).</summary>
internal sealed class CategoriesSetup : IFeatureSetup
{
    public string FeatureId => LegalFeatures.LegalEducation;

    public async Task OnEnabledAsync(Township township, IServiceProvider services, CancellationToken ct)
    {
        var db = (LegalDbContext)services.GetService(typeof(LegalDbContext))!;
        var existing = await db.Categories.Select(c => c.Name).ToListAsync(ct);
        var order = existing.Count;
        foreach (var name in DefaultCategories.Names.Except(existing))
            db.Categories.Add(new Category { Name = name, Order = order++ });
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>The township's active categories, read per request (a short list).</summary>
public sealed class CategoryList(LegalDbContext db)
{
    private IReadOnlyList<string>? _names;

    public async Task<IReadOnlyList<string>> NamesAsync(CancellationToken ct)
        => _names ??= await db.Categories.AsNoTracking().Where(c => !c.Retired).OrderBy(c => c.Order).Select(c => c.Name).ToListAsync(ct);

    public async Task<bool> ExistsAsync(string name, CancellationToken ct) => (await NamesAsync(ct)).Contains(name);
}
