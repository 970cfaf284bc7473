using Zhizhi.Orchard.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Townships.Data;
using Zhizhi.Orchard.Townships.Villages;

namespace Zhizhi.Orchard.Townships.Pages.Admin;

[Authorize(Policy = "Portal.ManageVillages")]
public sealed class VillagesModel(PortalDbContext db, AddVillage add) : PageModel
{
    public IReadOnlyList<Village> Items { get; private set; } = [];

    [BindProperty] public VillageInput Input { get; set; } = new();

    public sealed class VillageInput
    {
        public string? Name { get; set; }
        public string Kind { get; set; } = "村";
        public int Grids { get; set; }
        public int Households { get; set; }
        public string? Head { get; set; }
        public string? Phone { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => Items = await db.Villages.AsNoTracking().OrderBy(v => v.Id).ToListAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var request = new VillageRequest(Input.Name, Input.Kind, Input.Grids, Input.Households, Input.Head, Input.Phone);
        var v = AddVillage.Validate(request);
        ModelState.AddFieldErrors(v.Errors);
        if (ModelState.IsValid)
        {
            if (await add.ExecuteAsync(request, ct) is not null)
            {
                TempData["Message"] = $"已新增“{request.Name}”";
                return RedirectToPage();
            }
            ModelState.AddModelError("Input.Name", "该名称已在名录中");
        }
        await OnGetAsync(ct);
        return Page();
    }
}
