using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.DisputeRouting.Data;
using Zhizhi.Orchard.DisputeRouting.Settings;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.DisputeRouting.Categories;

public sealed record CategoryDto(int Id, string Name, bool Retired);

public sealed record CategoryRequest(string? Name);

/// <summary>The township's dispute categories (add, rename, retire, restore) and the module settings.</summary>
internal static class CategoryEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/disputes/categories").WithTags("矛盾纠纷");
        group.MapGet("", ListAsync).AllowAnonymous().WithSummary("纠纷类别(含已停用)");
        group.MapPost("", AddAsync).RequirePermission(DisputePermissions.Manage).WithSummary("新增类别");
        group.MapPut("/{id:int}", RenameAsync).RequirePermission(DisputePermissions.Manage).WithSummary("重命名类别(已有案件随之更名)");
        group.MapPost("/{id:int}/retire", (int id, DisputesDbContext db, CancellationToken ct) => SetRetiredAsync(id, true, db, ct))
            .RequirePermission(DisputePermissions.Manage).WithSummary("停用类别");
        group.MapPost("/{id:int}/restore", (int id, DisputesDbContext db, CancellationToken ct) => SetRetiredAsync(id, false, db, ct))
            .RequirePermission(DisputePermissions.Manage).WithSummary("恢复类别");

        var settings = endpoints.MapGroup("/api/disputes/settings").WithTags("矛盾纠纷").RequirePermission(DisputePermissions.Manage);
        settings.MapGet("", async (DisputeSettings s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(ct))).WithSummary("纠纷模块设置");
        settings.MapPut("", SaveSettingsAsync).WithSummary("修改案件编号前缀与调处流程");
    }

    private static async Task<Ok<List<CategoryDto>>> ListAsync(DisputesDbContext db, CancellationToken ct)
        => TypedResults.Ok(await db.Categories.AsNoTracking().OrderBy(c => c.Order).ThenBy(c => c.Id)
            .Select(c => new CategoryDto(c.Id, c.Name, c.Retired)).ToListAsync(ct));

    private static Validation Check(CategoryRequest? r) => new Validation().Required("name", r?.Name, "类别名称", 50);

    private static async Task<Results<Created<CategoryDto>, ValidationProblem, ProblemHttpResult>> AddAsync(CategoryRequest? r, DisputesDbContext db, CancellationToken ct)
    {
        var v = Check(r);
        if (!v.IsValid) return v.Problem();
        var name = r!.Name!.Trim();
        if (await db.Categories.AnyAsync(c => c.Name == name, ct)) return Problems.Conflict($"类别“{name}”已存在");
        var category = new Category { Name = name, Order = (await db.Categories.MaxAsync(c => (int?)c.Order, ct) ?? 0) + 1 };
        db.Categories.Add(category);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict($"类别“{name}”已存在");
        }
        return TypedResults.Created($"/api/disputes/categories/{category.Id}", new CategoryDto(category.Id, category.Name, false));
    }

    private static async Task<Results<Ok<CategoryDto>, ValidationProblem, ProblemHttpResult>> RenameAsync(int id, CategoryRequest? r, DisputesDbContext db, CancellationToken ct)
    {
        var v = Check(r);
        if (!v.IsValid) return v.Problem();
        var name = r!.Name!.Trim();
        var category = await db.Categories.FindAsync([id], ct);
        if (category is null) return Problems.NotFound("没有这个纠纷类别");
        if (category.Name == name) return TypedResults.Ok(new CategoryDto(category.Id, category.Name, category.Retired));
        if (await db.Categories.AnyAsync(c => c.Name == name, ct)) return Problems.Conflict($"类别“{name}”已存在");
        if (!await ApplyRenameAsync(db, category, name, ct)) return Problems.Conflict($"类别“{name}”已存在");
        return TypedResults.Ok(new CategoryDto(category.Id, category.Name, category.Retired));
    }

    /// <summary>Renames a category and the cases filed under it, in one transaction; false when the name is taken.</summary>
    public static async Task<bool> ApplyRenameAsync(DisputesDbContext db, Category category, string name, CancellationToken ct)
    {
        var old = category.Name;
        category.Name = name;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            category.Name = old;
            return false;
        }
        await db.Cases.Where(c => c.Category == old).ExecuteUpdateAsync(s => s.SetProperty(c => c.Category, name), ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static async Task<Results<Ok<CategoryDto>, ProblemHttpResult>> SetRetiredAsync(int id, bool retired, DisputesDbContext db, CancellationToken ct)
    {
        var category = await db.Categories.FindAsync([id], ct);
        if (category is null) return Problems.NotFound("没有这个纠纷类别");
        category.Retired = retired;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new CategoryDto(category.Id, category.Name, category.Retired));
    }

    private static async Task<Results<Ok<SettingsDto>, ValidationProblem>> SaveSettingsAsync(SettingsDto? r, DisputeSettings settings, CancellationToken ct)
    {
        var v = DisputeSettings.Validate(r);
        if (!v.IsValid) return v.Problem();
        await settings.SaveAsync(r!, ct);
        return TypedResults.Ok(await settings.GetAsync(ct));
    }
}
