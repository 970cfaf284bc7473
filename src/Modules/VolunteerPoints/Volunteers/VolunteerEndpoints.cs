using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Security;
using Zhizhi.Orchard.Townships.Contracts;
using Zhizhi.Orchard.Users.Contracts;
using Zhizhi.Orchard.VolunteerPoints.Data;

namespace Zhizhi.Orchard.VolunteerPoints.Volunteers;

public sealed record TeamRequest(string? Name, string? Leader, int? VillageId);

public sealed record TeamDto(int Id, string Name, string? Leader, int? VillageId, string? VillageName, int Members);

public sealed record ProfileRequest(string? DisplayName, string? Phone, int? TeamId, int? VillageId, string? Skills);

public sealed record ProfileDto(string UserName, string DisplayName, string? Phone, int? TeamId, string? TeamName, int? VillageId, string? VillageName,
    string? Skills, double Hours, int Activities, int Balance);

/// <summary>Volunteer teams (with leaders and villages) and volunteer profiles.</summary>
public sealed class Volunteering(PointsDbContext db, ITownshipDirectory directory, IUserDirectory users, TimeProvider clock)
{
    public async Task<Validation> ValidateAsync(TeamRequest r, CancellationToken ct)
    {
        var v = new Validation().Required("name", r.Name, "队伍名称", 50).Optional("leader", r.Leader, "队长", PointsDbContext.UserNameLength);
        if (!string.IsNullOrWhiteSpace(r.Leader) && r.Leader.Length <= PointsDbContext.UserNameLength && await users.FindAsync(r.Leader.Trim(), ct) is null)
            v.Add("leader", $"本乡镇没有用户“{r.Leader.Trim()}”");
        if (r.VillageId is { } id && await VillageAsync(id, ct) is null) v.Add("villageId", "没有这个村(社区)");
        return v;
    }

    public async Task<Validation> ValidateAsync(ProfileRequest r, CancellationToken ct)
    {
        var v = new Validation().Required("displayName", r.DisplayName, "姓名", 50).Optional("phone", r.Phone, "电话", 20).Optional("skills", r.Skills, "特长", 200);
        if (!string.IsNullOrWhiteSpace(r.Phone) && !r.Phone.Trim().All(c => char.IsAsciiDigit(c) || c == '-')) v.Add("phone", "电话只能包含数字和短横线");
        if (r.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId, ct)) v.Add("teamId", "没有这个志愿服务队");
        if (r.VillageId is { } id && await VillageAsync(id, ct) is null) v.Add("villageId", "没有这个村(社区)");
        return v;
    }

    private async Task<VillageInfo?> VillageAsync(int id, CancellationToken ct) => (await directory.VillagesAsync(ct)).FirstOrDefault(v => v.Id == id);

    /// <returns>The team, or null when the name is taken (the unique index decides).</returns>
    public async Task<Team?> AddTeamAsync(TeamRequest r, CancellationToken ct)
    {
        var village = r.VillageId is { } id ? await VillageAsync(id, ct) : null;
        var leader = string.IsNullOrWhiteSpace(r.Leader) ? null : (await users.FindAsync(r.Leader.Trim(), ct))!.UserName;
        var team = new Team { Name = r.Name!.Trim(), Leader = leader, VillageId = village?.Id, VillageName = village?.Name, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Teams.Add(team);
        try
        {
            await db.SaveChangesAsync(ct);
            return team;
        }
        catch (DbUpdateException)
        {
            db.Entry(team).State = EntityState.Detached;
            return null;
        }
    }

    public async Task<List<TeamDto>> TeamsAsync(CancellationToken ct)
    {
        var counts = await db.Volunteers.Where(v => v.TeamId != null).GroupBy(v => v.TeamId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Id).ToListAsync(ct);
        return teams.Select(t => new TeamDto(t.Id, t.Name, t.Leader, t.VillageId, t.VillageName, counts.FirstOrDefault(c => c.Key == t.Id)?.Count ?? 0)).ToList();
    }

    /// <summary>Creates or replaces the profile of <paramref name="userName"/> (an existing user).</summary>
    public async Task<VolunteerProfile> SaveProfileAsync(string userName, ProfileRequest r, CancellationToken ct)
    {
        var village = r.VillageId is { } id ? await VillageAsync(id, ct) : null;
        var profile = await db.Volunteers.FirstOrDefaultAsync(v => v.UserName == userName, ct);
        if (profile is null)
        {
            profile = new VolunteerProfile { UserName = userName, DisplayName = "", JoinedAt = clock.GetUtcNow().UtcDateTime };
            db.Volunteers.Add(profile);
        }
        profile.DisplayName = r.DisplayName!.Trim();
        profile.Phone = string.IsNullOrWhiteSpace(r.Phone) ? null : r.Phone.Trim();
        profile.TeamId = r.TeamId;
        profile.VillageId = village?.Id;
        profile.VillageName = village?.Name;
        profile.Skills = string.IsNullOrWhiteSpace(r.Skills) ? null : r.Skills.Trim();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two first saves raced: the other one created the row; apply ours over it.
            db.Entry(profile).State = EntityState.Detached;
            return await SaveProfileAsync(userName, r, ct);
        }
        return profile;
    }

    public async Task<List<ProfileDto>> ProfilesAsync(string? userName, int? teamId, int? villageId, CancellationToken ct)
    {
        var q = db.Volunteers.AsNoTracking();
        if (userName is not null) q = q.Where(v => v.UserName == userName);
        if (teamId is not null) q = q.Where(v => v.TeamId == teamId);
        if (villageId is not null) q = q.Where(v => v.VillageId == villageId);
        var rows = await (from v in q
                          join t in db.Teams on v.TeamId equals t.Id into tj
                          from t in tj.DefaultIfEmpty()
                          orderby v.UserName
                          select new
                          {
                              v, TeamName = t == null ? null : t.Name,
                              Hours = db.Checkins.Where(c => c.UserName == v.UserName).Sum(c => (double?)c.Hours) ?? 0,
                              Activities = db.Checkins.Count(c => c.UserName == v.UserName),
                              Balance = db.Accounts.Where(a => a.UserName == v.UserName).Select(a => (int?)a.Balance).FirstOrDefault() ?? 0,
                          }).Take(1000).ToListAsync(ct);
        return rows.Select(r => new ProfileDto(r.v.UserName, r.v.DisplayName, r.v.Phone, r.v.TeamId, r.TeamName, r.v.VillageId, r.v.VillageName, r.v.Skills,
            Math.Round(r.Hours, 2), r.Activities, r.Balance)).ToList();
    }
}

internal static class VolunteerEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/volunteers").WithTags("志愿积分");
        group.MapGet("/teams", async (Volunteering v, CancellationToken ct) => TypedResults.Ok(await v.TeamsAsync(ct))).AllowAnonymous().WithSummary("志愿服务队");
        group.MapPost("/teams", AddTeamAsync).RequirePermission(VolunteerPermissions.Manage).WithSummary("新建志愿服务队(队长、所在村)");
        group.MapGet("", ListAsync).RequirePermission(VolunteerPermissions.Manage).WithSummary("志愿者名册(可按队伍、村筛选)");
        group.MapGet("/me", MeAsync).RequirePermission(VolunteerPermissions.SignUp).WithSummary("我的志愿者档案");
        group.MapPut("/me", SaveMeAsync).RequirePermission(VolunteerPermissions.SignUp).WithSummary("填写我的志愿者档案");
        group.MapPut("/{userName}", SaveAsync).RequirePermission(VolunteerPermissions.Manage).WithSummary("登记或修改志愿者档案");
    }

    private static async Task<Results<Created<TeamDto>, ValidationProblem, ProblemHttpResult>> AddTeamAsync(TeamRequest request, Volunteering v, CancellationToken ct)
    {
        var check = await v.ValidateAsync(request, ct);
        if (!check.IsValid) return check.Problem();
        var team = await v.AddTeamAsync(request, ct);
        if (team is null) return Problems.Conflict($"已有名为“{request.Name!.Trim()}”的志愿服务队");
        return TypedResults.Created($"/api/volunteers/teams/{team.Id}", new TeamDto(team.Id, team.Name, team.Leader, team.VillageId, team.VillageName, 0));
    }

    private static async Task<Ok<List<ProfileDto>>> ListAsync(int? teamId, int? villageId, Volunteering v, CancellationToken ct)
        => TypedResults.Ok(await v.ProfilesAsync(null, teamId, villageId, ct));

    private static async Task<Results<Ok<ProfileDto>, ProblemHttpResult>> MeAsync(Volunteering v, ClaimsPrincipal user, CancellationToken ct)
    {
        var found = (await v.ProfilesAsync(user.FindFirstValue(ClaimTypes.Name)!, null, null, ct)).FirstOrDefault();
        return found is null ? Problems.NotFound("您还没有填写志愿者档案") : TypedResults.Ok(found);
    }

    private static async Task<Results<Ok<ProfileDto>, ValidationProblem>> SaveMeAsync(ProfileRequest request, Volunteering v, ClaimsPrincipal user, CancellationToken ct)
    {
        var check = await v.ValidateAsync(request, ct);
        if (!check.IsValid) return check.Problem();
        var me = user.FindFirstValue(ClaimTypes.Name)!;
        await v.SaveProfileAsync(me, request, ct);
        return TypedResults.Ok((await v.ProfilesAsync(me, null, null, ct)).Single());
    }

    private static async Task<Results<Ok<ProfileDto>, ValidationProblem>> SaveAsync(string userName, ProfileRequest request, Volunteering v, IUserDirectory users, CancellationToken ct)
    {
        var check = await v.ValidateAsync(request, ct);
        var user = await users.FindAsync(userName.Trim(), ct);
        if (user is null) check.Add("userName", $"本乡镇没有用户“{userName.Trim()}”");
        if (!check.IsValid) return check.Problem();
        await v.SaveProfileAsync(user!.UserName, request, ct);
        return TypedResults.Ok((await v.ProfilesAsync(user.UserName, null, null, ct)).Single());
    }
}
