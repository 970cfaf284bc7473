using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.LegalEducation.Fields;

/// <summary>Adds and removes the admin-defined fields of the content kinds.</summary>
public sealed class ManageFields(LegalDbContext db)
{
    public enum Outcome { Done, Invalid, Duplicate, TooMany, NotFound }

    public Task<List<FieldDefinition>> ListAsync(string? kind, CancellationToken ct)
        => db.FieldDefinitions.AsNoTracking().Where(f => kind == null || f.Kind == kind).OrderBy(f => f.Kind).ThenBy(f => f.Order).ThenBy(f => f.Id).ToListAsync(ct);

    public async Task<(Outcome, FieldDefinition?, Validation)> AddAsync(FieldDefinitionRequest r, CancellationToken ct)
    {
        var v = FieldRules.Validate(r);
        if (!v.IsValid) return (Outcome.Invalid, null, v);
        var count = await db.FieldDefinitions.CountAsync(f => f.Kind == r.Kind, ct);
        if (count >= FieldRules.MaxFieldsPerKind) return (Outcome.TooMany, null, v);
        var field = new FieldDefinition
        {
            Kind = r.Kind!, Name = r.Name!.Trim(), Type = r.Type!, Required = r.Required,
            Choices = r.Type == FieldTypes.Choice ? FieldRules.CleanChoices(r.Choices) : [], Order = count,
        };
        db.FieldDefinitions.Add(field);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            // Two admins adding the same name at once: the unique index (kind, name) decides.
            db.Entry(field).State = EntityState.Detached;
            return (Outcome.Duplicate, null, v);
        }
        return (Outcome.Done, field, v);
    }

    /// <summary>Removes a field; values already saved stay in the articles but are no longer shown or checked.</summary>
    public async Task<bool> RemoveAsync(int id, CancellationToken ct)
        => await db.FieldDefinitions.Where(f => f.Id == id).ExecuteDeleteAsync(ct) > 0;

    internal static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

internal static class FieldEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/legal/fields").WithTags("普法");
        group.MapGet("", ListAsync).AllowAnonymous().WithSummary("各内容类型的自定义字段");
        group.MapPost("", AddAsync).RequirePermission(LegalPermissions.Manage).WithSummary("为内容类型添加字段");
        group.MapDelete("/{id:int}", RemoveAsync).RequirePermission(LegalPermissions.Manage).WithSummary("删除字段");
    }

    private static async Task<Results<Ok<List<FieldDefinitionDto>>, ValidationProblem>> ListAsync(string? kind, ManageFields fields, CancellationToken ct)
    {
        if (kind is not null && !Articles.ArticleKinds.All.ContainsKey(kind)) return Problems.Invalid("kind", $"未知的内容类型“{kind}”");
        return TypedResults.Ok((await fields.ListAsync(kind, ct)).Select(f => f.ToDto()).ToList());
    }

    private static async Task<Results<Created<FieldDefinitionDto>, ValidationProblem, ProblemHttpResult>> AddAsync(FieldDefinitionRequest request, ManageFields fields, CancellationToken ct)
    {
        var (outcome, field, v) = await fields.AddAsync(request, ct);
        return outcome switch
        {
            ManageFields.Outcome.Invalid => v.Problem(),
            ManageFields.Outcome.Duplicate => Problems.Conflict($"这种内容类型已经有名为“{request.Name!.Trim()}”的字段"),
            ManageFields.Outcome.TooMany => Problems.Conflict($"每种内容类型最多 {FieldRules.MaxFieldsPerKind} 个字段"),
            _ => TypedResults.Created($"/api/legal/fields/{field!.Id}", field.ToDto()),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(int id, ManageFields fields, CancellationToken ct)
        => await fields.RemoveAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound("没有这个字段");
}
