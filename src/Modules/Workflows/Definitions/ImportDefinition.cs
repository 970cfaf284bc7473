using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Data;

namespace Zhizhi.Orchard.Workflows.Definitions;

/// <summary>Import: validate, then save as the next version of the id. Existing versions and their instances are untouched.</summary>
public sealed class ImportDefinition(WorkflowsDbContext db, ActivityRegistry registry, TimeProvider clock)
{
    public Validation Validate(DefinitionDocument d) => ValidateDefinition.Check(d, registry);

    public async Task<WorkflowDefinition> ExecuteAsync(DefinitionDocument d, string? by, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var version = (await db.Definitions.Where(x => x.Id == d.Id).MaxAsync(x => (int?)x.Version, ct) ?? 0) + 1;
            var document = d with { Version = version, Enabled = d.Enabled ?? true, Name = d.Name!.Trim() };
            var definition = new WorkflowDefinition
            {
                Id = d.Id!, Version = version, Name = document.Name!, Enabled = document.Enabled!.Value,
                Json = JsonSerializer.Serialize(document, DefinitionDocument.JsonOptions),
                CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = by,
            };
            db.Definitions.Add(definition);
            try
            {
                await db.SaveChangesAsync(ct);
                return definition;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Two imports of one id took the same version number: the key decided, try the next one.
                db.ChangeTracker.Clear();
            }
        }
    }
}
