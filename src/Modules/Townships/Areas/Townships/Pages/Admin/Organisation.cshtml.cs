using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.Http;
using Zhizhi.Orchard.Townships.Data;
using Zhizhi.Orchard.Townships.Organisation;

namespace Zhizhi.Orchard.Townships.Pages.Admin;

/// <summary>
/// The organisation tree: each village's grids and people in charge. Several small forms share the page; the one
/// that was posted (<see cref="Active"/>) shows the submitted values with the errors beside its fields.
/// </summary>
[Authorize(Policy = "Portal.ManageVillages")]
public sealed class OrganisationModel(PortalDbContext db, EditOrganisation edit) : PageModel
{
    public IReadOnlyList<VillageNodeDto> Tree { get; private set; } = [];
    public IReadOnlyList<string> Duties => OrganisationLimits.Duties;

    /// <summary>Which form was posted and failed: "grid-new-{village}", "grid-{id}", "person-new-{village}", "person-{id}", "village-{id}".</summary>
    public string? Active { get; private set; }

    [BindProperty] public GridForm Grid { get; set; } = new();
    [BindProperty] public PersonForm Person { get; set; } = new();

    public sealed class GridForm
    {
        public int VillageId { get; set; }
        public int Id { get; set; }
        public string? Name { get; set; }
        public string? WorkerName { get; set; }
        public string? WorkerPhone { get; set; }
        public string? WorkerUserName { get; set; }
    }

    public sealed class PersonForm
    {
        public int VillageId { get; set; }
        public int Id { get; set; }
        public string? Name { get; set; }
        public string? Duty { get; set; }
        public string? Phone { get; set; }
        public string? UserName { get; set; }
    }

    /// <summary>The error for <paramref name="field"/> when <paramref name="form"/> is the one that failed.</summary>
    public string? Error(string form, string field)
        => Active == form && ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public async Task OnGetAsync(CancellationToken ct) => Tree = await OrganisationEndpoints.LoadTreeAsync(db, ct);

    private GridRequest GridRequest => new(Grid.Name, Grid.WorkerName, Grid.WorkerPhone, Grid.WorkerUserName);
    private PersonRequest PersonRequest => new(Person.Name, Person.Duty, Person.Phone, Person.UserName);

    private async Task<IActionResult> FailAsync(string form, CancellationToken ct)
    {
        Active = form;
        await OnGetAsync(ct);
        return Page();
    }

    private IActionResult Done(string message)
    {
        TempData["Message"] = message;
        return RedirectToPage();
    }

    private async Task<IActionResult> RunAsync<T>(string form, string prefix, Http.Validation v, Func<Task<EditOrganisation.Result<T>>> run, string message, CancellationToken ct)
    {
        ModelState.Clear();
        ModelState.AddFieldErrors(v.Errors, prefix);
        if (!ModelState.IsValid) return await FailAsync(form, ct);
        var r = await run();
        if (r.Outcome == EditOrganisation.Outcome.Done) return Done(message);
        ModelState.AddModelError($"{prefix}.Name", r.Message!);
        return await FailAsync(form, ct);
    }

    public Task<IActionResult> OnPostAddGridAsync(CancellationToken ct)
        => RunAsync($"grid-new-{Grid.VillageId}", "Grid", EditOrganisation.Validate(GridRequest),
            () => edit.AddGridAsync(Grid.VillageId, GridRequest, ct), $"已新增网格“{Grid.Name?.Trim()}”", ct);

    public Task<IActionResult> OnPostSaveGridAsync(CancellationToken ct)
        => RunAsync($"grid-{Grid.Id}", "Grid", EditOrganisation.Validate(GridRequest),
            () => edit.UpdateGridAsync(Grid.Id, GridRequest, ct), $"已保存网格“{Grid.Name?.Trim()}”", ct);

    public async Task<IActionResult> OnPostRemoveGridAsync(int id, CancellationToken ct)
        => Done(await edit.RemoveGridAsync(id, ct) ? "已删除网格" : "该网格已不存在");

    public Task<IActionResult> OnPostAddPersonAsync(CancellationToken ct)
        => RunAsync($"person-new-{Person.VillageId}", "Person", EditOrganisation.Validate(PersonRequest),
            () => edit.AddPersonAsync(Person.VillageId, PersonRequest, ct), $"已新增负责人“{Person.Name?.Trim()}”", ct);

    public Task<IActionResult> OnPostSavePersonAsync(CancellationToken ct)
        => RunAsync($"person-{Person.Id}", "Person", EditOrganisation.Validate(PersonRequest),
            () => edit.UpdatePersonAsync(Person.Id, PersonRequest, ct), $"已保存负责人“{Person.Name?.Trim()}”", ct);

    public async Task<IActionResult> OnPostRemovePersonAsync(int id, CancellationToken ct)
        => Done(await edit.RemovePersonAsync(id, ct) ? "已删除负责人" : "该负责人已不存在");

    public async Task<IActionResult> OnPostRemoveVillageAsync(int id, CancellationToken ct)
    {
        ModelState.Clear();
        var r = await edit.RemoveVillageAsync(id, ct);
        if (r.Outcome == EditOrganisation.Outcome.Done) return Done("已删除该村(社区)");
        ModelState.AddModelError("Village", r.Message!);
        return await FailAsync($"village-{id}", ct);
    }
}
