using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Townships.Data;
using static Zhizhi.Orchard.Townships.Organisation.OrganisationLimits;

namespace Zhizhi.Orchard.Townships.Organisation;

public sealed record GridRequest(string? Name, string? WorkerName, string? WorkerPhone, string? WorkerUserName);

public sealed record PersonRequest(string? Name, string? Duty, string? Phone, string? UserName);

/// <summary>
/// Changes to the organisation tree. Duplicate grid names in a village and removing a village that still has
/// grids or people are refused by the database (unique index, restricting foreign keys), not only by a prior read.
/// </summary>
public sealed partial class EditOrganisation(PortalDbContext db, IOutputCacheStore cache, ITownshipAccessor townships)
{
    public enum Outcome { Done, NotFound, Conflict }

    public sealed record Result<T>(Outcome Outcome, T? Value, string? Message = null);

    [GeneratedRegex(@"^[0-9+\-]{6,20}$")]
    private static partial Regex PhonePattern();

    private static void Phone(Validation v, string field, string? phone)
    {
        if (!string.IsNullOrWhiteSpace(phone) && !PhonePattern().IsMatch(phone.Trim()))
            v.Add(field, "电话格式不正确(6-20 位数字,可含 + 和 -)");
    }

    public static Validation Validate(GridRequest? r)
    {
        var v = new Validation();
        if (r is null) return v.Add("name", "请求体不能为空");
        v.Required("name", r.Name, "网格名称", NameLength).Optional("workerName", r.WorkerName, "网格员姓名", NameLength)
         .Optional("workerUserName", r.WorkerUserName, "网格员账号", UserNameLength);
        Phone(v, "workerPhone", r.WorkerPhone);
        return v;
    }

    public static Validation Validate(PersonRequest? r)
    {
        var v = new Validation();
        if (r is null) return v.Add("name", "请求体不能为空");
        v.Required("name", r.Name, "姓名", NameLength).Required("duty", r.Duty, "职务", DutyLength)
         .Optional("userName", r.UserName, "账号", UserNameLength);
        Phone(v, "phone", r.Phone);
        return v;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public async Task<Result<Grid>> AddGridAsync(int villageId, GridRequest r, CancellationToken ct)
    {
        if (!await db.Villages.AnyAsync(v => v.Id == villageId, ct)) return new(Outcome.NotFound, null, "没有这个村(社区)");
        var grid = new Grid { VillageId = villageId, Name = r.Name!.Trim() };
        Apply(grid, r);
        db.Grids.Add(grid);
        return await SaveAsync(grid, $"该村(社区)已有名为“{grid.Name}”的网格", ct);
    }

    public async Task<Result<Grid>> UpdateGridAsync(int id, GridRequest r, CancellationToken ct)
    {
        var grid = await db.Grids.FirstOrDefaultAsync(g => g.Id == id, ct);
        if (grid is null) return new(Outcome.NotFound, null, "没有这个网格");
        Apply(grid, r);
        return await SaveAsync(grid, $"该村(社区)已有名为“{grid.Name}”的网格", ct);
    }

    private static void Apply(Grid grid, GridRequest r)
    {
        grid.Name = r.Name!.Trim();
        grid.WorkerName = Clean(r.WorkerName);
        grid.WorkerPhone = Clean(r.WorkerPhone);
        grid.WorkerUserName = Clean(r.WorkerUserName);
    }

    public async Task<bool> RemoveGridAsync(int id, CancellationToken ct)
    {
        var removed = await db.Grids.Where(g => g.Id == id).ExecuteDeleteAsync(ct) > 0;
        if (removed) await PublicPageCache.EvictAsync(cache, townships.Current, ct);
        return removed;
    }

    public async Task<Result<VillagePerson>> AddPersonAsync(int villageId, PersonRequest r, CancellationToken ct)
    {
        if (!await db.Villages.AnyAsync(v => v.Id == villageId, ct)) return new(Outcome.NotFound, null, "没有这个村(社区)");
        var person = new VillagePerson { VillageId = villageId, Name = "", Duty = "" };
        Apply(person, r);
        db.People.Add(person);
        return await SaveAsync(person, $"该村(社区)已登记“{person.Name}”任“{person.Duty}”", ct);
    }

    public async Task<Result<VillagePerson>> UpdatePersonAsync(int id, PersonRequest r, CancellationToken ct)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return new(Outcome.NotFound, null, "没有这位负责人");
        Apply(person, r);
        return await SaveAsync(person, $"该村(社区)已登记“{person.Name}”任“{person.Duty}”", ct);
    }

    private static void Apply(VillagePerson p, PersonRequest r)
    {
        p.Name = r.Name!.Trim();
        p.Duty = r.Duty!.Trim();
        p.Phone = Clean(r.Phone);
        p.UserName = Clean(r.UserName);
    }

    public async Task<bool> RemovePersonAsync(int id, CancellationToken ct)
        => await db.People.Where(p => p.Id == id).ExecuteDeleteAsync(ct) > 0;

    /// <summary>Removes a village from the directory unless grids or people still belong to it.</summary>
    public async Task<Result<bool>> RemoveVillageAsync(int id, CancellationToken ct)
    {
        var village = await db.Villages.FirstOrDefaultAsync(v => v.Id == id, ct);
        if (village is null) return new(Outcome.NotFound, false, "没有这个村(社区)");
        var grids = await db.Grids.CountAsync(g => g.VillageId == id, ct);
        var people = await db.People.CountAsync(p => p.VillageId == id, ct);
        if (grids + people > 0) return new(Outcome.Conflict, false, InUse(village.Name, grids, people));
        db.Villages.Remove(village);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A grid or person was added meanwhile: the restricting foreign key refused the delete.
            db.ChangeTracker.Clear();
            return new(Outcome.Conflict, false, $"“{village.Name}”刚被添加了网格或负责人,不能删除");
        }
        await PublicPageCache.EvictAsync(cache, townships.Current, ct);
        return new(Outcome.Done, true);
    }

    public static string InUse(string village, int grids, int people)
        => $"“{village}”下还有 {grids} 个网格、{people} 位负责人,请先移除后再删除该村(社区)";

    private async Task<Result<T>> SaveAsync<T>(T entity, string duplicate, CancellationToken ct) where T : class
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new(Outcome.Conflict, null, duplicate);
        }
        await PublicPageCache.EvictAsync(cache, townships.Current, ct);
        return new(Outcome.Done, entity);
    }
}
