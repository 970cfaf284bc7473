using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Townships.Data;

namespace Zhizhi.Orchard.Townships.Organisation;

public sealed record GridDto(int Id, int VillageId, string Name, string? WorkerName, string? WorkerPhone, string? WorkerUserName);

public sealed record PersonDto(int Id, int VillageId, string Name, string Duty, string? Phone, string? UserName);

public sealed record VillageNodeDto(int Id, string Name, string Kind, IReadOnlyList<GridDto> Grids, IReadOnlyList<PersonDto> People);

/// <summary>The township's organisation tree: villages, their grids and people in charge. Staff read it; administrators edit it.</summary>
internal static class OrganisationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var read = endpoints.MapGroup("/api/organisation").WithTags("组织架构");
        read.MapGet("", TreeAsync).RequirePermission(TownshipsPermissions.ViewOrganisation).WithSummary("组织架构:村(社区)、网格与负责人");

        var group = endpoints.MapGroup("/api/organisation").WithTags("组织架构").RequirePermission(TownshipsPermissions.ManageVillages);
        group.MapPost("/villages/{villageId:int}/grids", AddGridAsync).WithSummary("新增网格");
        group.MapPut("/grids/{id:int}", UpdateGridAsync).WithSummary("修改网格(改名、换网格员)");
        group.MapDelete("/grids/{id:int}", RemoveGridAsync).WithSummary("删除网格");
        group.MapPost("/villages/{villageId:int}/people", AddPersonAsync).WithSummary("新增负责人");
        group.MapPut("/people/{id:int}", UpdatePersonAsync).WithSummary("修改负责人");
        group.MapDelete("/people/{id:int}", RemovePersonAsync).WithSummary("删除负责人");
        group.MapDelete("/villages/{id:int}", RemoveVillageAsync).WithSummary("删除村(社区)(须先移除其网格与负责人)");
    }

    public static GridDto Dto(Grid g) => new(g.Id, g.VillageId, g.Name, g.WorkerName, g.WorkerPhone, g.WorkerUserName);

    public static PersonDto Dto(VillagePerson p) => new(p.Id, p.VillageId, p.Name, p.Duty, p.Phone, p.UserName);

    public static async Task<List<VillageNodeDto>> LoadTreeAsync(PortalDbContext db, CancellationToken ct)
    {
        var villages = await db.Villages.AsNoTracking().OrderBy(v => v.Id).ToListAsync(ct);
        var grids = (await db.Grids.AsNoTracking().OrderBy(g => g.Id).ToListAsync(ct)).ToLookup(g => g.VillageId);
        var people = (await db.People.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct)).ToLookup(p => p.VillageId);
        return [.. villages.Select(v => new VillageNodeDto(v.Id, v.Name, v.Kind, [.. grids[v.Id].Select(Dto)], [.. people[v.Id].Select(Dto)]))];
    }

    private static async Task<Ok<List<VillageNodeDto>>> TreeAsync(PortalDbContext db, CancellationToken ct)
        => TypedResults.Ok(await LoadTreeAsync(db, ct));

    private static ProblemHttpResult Problem<T>(EditOrganisation.Result<T> r)
        => r.Outcome == EditOrganisation.Outcome.NotFound ? Problems.NotFound(r.Message!) : Problems.Conflict(r.Message!);

    private static async Task<Results<Created<GridDto>, ValidationProblem, ProblemHttpResult>> AddGridAsync(int villageId, GridRequest? request, EditOrganisation edit, CancellationToken ct)
    {
        var v = EditOrganisation.Validate(request);
        if (!v.IsValid) return v.Problem();
        var r = await edit.AddGridAsync(villageId, request!, ct);
        return r.Outcome == EditOrganisation.Outcome.Done ? TypedResults.Created($"/api/organisation/grids/{r.Value!.Id}", Dto(r.Value)) : Problem(r);
    }

    private static async Task<Results<Ok<GridDto>, ValidationProblem, ProblemHttpResult>> UpdateGridAsync(int id, GridRequest? request, EditOrganisation edit, CancellationToken ct)
    {
        var v = EditOrganisation.Validate(request);
        if (!v.IsValid) return v.Problem();
        var r = await edit.UpdateGridAsync(id, request!, ct);
        return r.Outcome == EditOrganisation.Outcome.Done ? TypedResults.Ok(Dto(r.Value!)) : Problem(r);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveGridAsync(int id, EditOrganisation edit, CancellationToken ct)
        => await edit.RemoveGridAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound("没有这个网格");

    private static async Task<Results<Created<PersonDto>, ValidationProblem, ProblemHttpResult>> AddPersonAsync(int villageId, PersonRequest? request, EditOrganisation edit, CancellationToken ct)
    {
        var v = EditOrganisation.Validate(request);
        if (!v.IsValid) return v.Problem();
        var r = await edit.AddPersonAsync(villageId, request!, ct);
        return r.Outcome == EditOrganisation.Outcome.Done ? TypedResults.Created($"/api/organisation/people/{r.Value!.Id}", Dto(r.Value)) : Problem(r);
    }

    private static async Task<Results<Ok<PersonDto>, ValidationProblem, ProblemHttpResult>> UpdatePersonAsync(int id, PersonRequest? request, EditOrganisation edit, CancellationToken ct)
    {
        var v = EditOrganisation.Validate(request);
        if (!v.IsValid) return v.Problem();
        var r = await edit.UpdatePersonAsync(id, request!, ct);
        return r.Outcome == EditOrganisation.Outcome.Done ? TypedResults.Ok(Dto(r.Value!)) : Problem(r);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemovePersonAsync(int id, EditOrganisation edit, CancellationToken ct)
        => await edit.RemovePersonAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound("没有这位负责人");

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveVillageAsync(int id, EditOrganisation edit, CancellationToken ct)
    {
        var r = await edit.RemoveVillageAsync(id, ct);
        return r.Outcome == EditOrganisation.Outcome.Done ? TypedResults.NoContent() : Problem(r);
    }
}
