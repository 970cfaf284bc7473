using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.LegalEducation.Data;
using Zhizhi.Orchard.LegalEducation.Indexing;
using Zhizhi.Orchard.Security;

namespace Zhizhi.Orchard.LegalEducation.Fields;

/// <summary>Adds and removes the admin-defined fields of the content kinds.</summary>
public sealed class ManageFields(LegalDbContext db, TimeProvider clock, ITownshipAccessor townships, IndexSignal signal, IOutputCacheStore cache)
{
    public enum Outcome { Done, Invalid, Duplicate, TooMany, NotFound, Conflict }

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

    /// <summary>
    /// Edits a field. Label, help text, required flag, choices and order may change at any time; the key and the type
    /// only while no content of the kind holds a value for the field; a choice still used by published content cannot be
    /// removed. The update is conditional on the revision the edit was based on (optimistic concurrency): of two parallel
    /// edits one wins, the other is <see cref="Outcome.Conflict"/>. Published content of the kind is reindexed and the
    /// public pages refreshed, so search and pages show the new label.
    /// </summary>
    public async Task<(Outcome, FieldDefinition?, Validation)> UpdateAsync(int id, FieldUpdateRequest r, CancellationToken ct)
    {
        var field = await db.FieldDefinitions.FirstOrDefaultAsync(f => f.Id == id, ct);
        if (field is null) return (Outcome.NotFound, null, new Validation());
        var v = FieldRules.ValidateUpdate(r, field.Kind);
        if (!v.IsValid) return (Outcome.Invalid, field, v);
        var name = r.Name!.Trim();
        var choices = r.Type == FieldTypes.Choice ? FieldRules.CleanChoices(r.Choices) : [];

        // The usage checks look inside the stored JSON, so the kind's field values are read only for an edit that
        // needs them: a new key or type, or choices taken away (a label, help text, order or "required" does not).
        var removedChoices = field.Type == FieldTypes.Choice && r.Type == FieldTypes.Choice ? field.Choices.Where(c => !choices.Contains(c)).ToList() : [];
        var filled = name == field.Name && r.Type == field.Type && removedChoices.Count == 0 ? []
            : (await db.Articles.AsNoTracking().Where(a => a.Kind == field.Kind).Select(a => new { a.Status, a.Fields }).ToListAsync(ct))
                .Where(a => a.Fields.ContainsKey(field.Name)).ToList();
        if (filled.Count > 0)
        {
            if (name != field.Name) v.Add("name", $"已有 {filled.Count} 篇内容填写了此字段,字段名称(标识)不能修改;可修改显示名称");
            if (r.Type != field.Type) v.Add("type", $"已有 {filled.Count} 篇内容填写了此字段,不能修改字段类型");
        }
        foreach (var removed in removedChoices)
        {
            var published = filled.Count(a => a.Status == Articles.ArticleStatus.Published && a.Fields[field.Name] == removed);
            if (published > 0) v.Add("choices", $"选项“{removed}”仍被 {published} 篇已发布内容使用,不能删除");
        }
        if (!v.IsValid) return (Outcome.Invalid, field, v);

        // The edit applies to the revision the editor saw; EF adds "AND revision = @expected" to the UPDATE.
        if (r.Revision is { } expected) db.Entry(field).Property(f => f.Revision).OriginalValue = expected;
        var shownBefore = field.DisplayName;
        field.Name = name;
        field.Label = string.IsNullOrWhiteSpace(r.Label) || r.Label.Trim() == name ? null : r.Label.Trim();
        field.HelpText = string.IsNullOrWhiteSpace(r.HelpText) ? null : r.HelpText.Trim();
        field.Type = r.Type!;
        field.Required = r.Required;
        field.Choices = choices;
        if (r.Order is { } order) field.Order = order;
        field.Revision++;
        var now = clock.GetUtcNow().UtcDateTime;
        var township = townships.Current;
        // The index holds a field's shown name beside its value; nothing else of the definition (a renamed key or a
        // new type has no values yet, see above).
        List<int> reindex = field.DisplayName == shownBefore ? []
            : await db.Articles.AsNoTracking().Where(a => a.Kind == field.Kind && a.Status == Articles.ArticleStatus.Published).Select(a => a.Id).ToListAsync(ct);
        foreach (var articleId in reindex) IndexQueue.Enqueue(db, township, articleId, IndexActions.Upsert, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (Outcome.Conflict, null, v);
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            return (Outcome.Duplicate, null, v);
        }
        if (reindex.Count > 0) signal.Notify(township.Name);
        await PublicPageCache.EvictAsync(cache, township, ct);
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
        group.MapPut("/{id:int}", UpdateAsync).RequirePermission(LegalPermissions.Manage).WithSummary("修改字段(显示名称、说明、必填、选项、排序;已被使用的字段不能改标识和类型)");
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

    private static async Task<Results<Ok<FieldDefinitionDto>, ValidationProblem, ProblemHttpResult>> UpdateAsync(int id, FieldUpdateRequest request, ManageFields fields, CancellationToken ct)
    {
        var (outcome, field, v) = await fields.UpdateAsync(id, request, ct);
        return outcome switch
        {
            ManageFields.Outcome.NotFound => Problems.NotFound("没有这个字段"),
            ManageFields.Outcome.Invalid => v.Problem(),
            ManageFields.Outcome.Conflict => Problems.Conflict("字段已被他人修改,请刷新后重新编辑"),
            ManageFields.Outcome.Duplicate => Problems.Conflict($"这种内容类型已经有名为“{request.Name!.Trim()}”的字段"),
            _ => TypedResults.Ok(field!.ToDto()),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(int id, ManageFields fields, CancellationToken ct)
        => await fields.RemoveAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound("没有这个字段");
}
