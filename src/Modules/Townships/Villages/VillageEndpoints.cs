using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Townships.Contracts;
using Zhizhi.Orchard.Townships.Data;

namespace Zhizhi.Orchard.Townships.Villages;

public sealed record VillageRequest(string? Name, string? Kind, int Grids, int Households, string? Head, string? Phone);

internal static class VillageEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/portal/villages").WithTags("村(社区)名录");
        group.MapGet("", ListAsync).AllowAnonymous().WithSummary("村(社区)名录");
        group.MapPost("", CreateAsync).RequirePermission(TownshipsPermissions.ManageVillages).WithSummary("新增村(社区)");
    }

    private static async Task<Ok<List<Village>>> ListAsync(PortalDbContext db, CancellationToken ct)
        => TypedResults.Ok(await db.Villages.AsNoTracking().OrderBy(v => v.Id).ToListAsync(ct));

    private static async Task<Results<Created<Village>, ProblemHttpResult, ValidationProblem>> CreateAsync(VillageRequest request, AddVillage add, CancellationToken ct)
    {
        var v = AddVillage.Validate(request);
        if (!v.IsValid) return v.Problem();
        var village = await add.ExecuteAsync(request, ct);
        return village is null
            ? Problems.Conflict($"“{request.Name}”已在名录中")
            : TypedResults.Created($"/api/portal/villages/{village.Id}", village);
    }
}

public sealed class AddVillage(PortalDbContext db, IOutputCacheStore cache, ITownshipAccessor townships)
{
    public static Validation Validate(VillageRequest r)
    {
        var v = new Validation().Required("name", r.Name, "名称", 50).Optional("head", r.Head, "负责人", 50).Optional("phone", r.Phone, "电话", 20);
        if (r.Kind is not (null or "村" or "社区" or "居委会")) v.Add("kind", "类型须为 村、社区 或 居委会");
        if (r.Grids is < 0 or > 10000) v.Add("grids", "网格数须在 0-10000 之间");
        if (r.Households is < 0 or > 1000000) v.Add("households", "户数须在 0-1000000 之间");
        return v;
    }

    /// <returns>null when the name is already listed (the unique index decides).</returns>
    public async Task<Village?> ExecuteAsync(VillageRequest r, CancellationToken ct)
    {
        var village = new Village { Name = r.Name!.Trim(), Kind = r.Kind ?? "村", Grids = r.Grids, Households = r.Households, Head = r.Head, Phone = r.Phone };
        db.Villages.Add(village);
        try
        {
            await db.SaveChangesAsync(ct);
            await PublicPageCache.EvictAsync(cache, townships.Current, ct);
            return village;
        }
        catch (DbUpdateException)
        {
            db.Villages.Remove(village);
            return null;
        }
    }
}

internal sealed class TownshipDirectory(PortalDbContext db) : ITownshipDirectory
{
    public async Task<IReadOnlyList<VillageInfo>> VillagesAsync(CancellationToken ct = default)
        => await db.Villages.AsNoTracking().OrderBy(v => v.Id).Select(v => new VillageInfo(v.Id, v.Name, v.Kind, v.Grids)).ToListAsync(ct);

    public async Task<IReadOnlyList<GridInfo>> GridsAsync(string village, CancellationToken ct = default)
        => await (from g in db.Grids.AsNoTracking()
                  join v in db.Villages.AsNoTracking() on g.VillageId equals v.Id
                  where v.Name == village
                  orderby g.Id
                  select new GridInfo(g.Id, v.Name, g.Name, g.WorkerName, g.WorkerPhone, g.WorkerUserName)).ToListAsync(ct);

    public async Task<IReadOnlyList<VillagePersonInfo>> PeopleAsync(string village, CancellationToken ct = default)
        => await (from p in db.People.AsNoTracking()
                  join v in db.Villages.AsNoTracking() on p.VillageId equals v.Id
                  where v.Name == village
                  orderby p.Id
                  select new VillagePersonInfo(p.Id, v.Name, p.Name, p.Duty, p.Phone, p.UserName)).ToListAsync(ct);

    public async Task<VillagePersonInfo?> PersonInChargeAsync(string village, string duty, CancellationToken ct = default)
        => (await PeopleAsync(village, ct)).FirstOrDefault(p => p.Duty == duty);
}
