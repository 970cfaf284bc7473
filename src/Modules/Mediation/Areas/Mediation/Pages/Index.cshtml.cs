using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Rooms;

namespace Zhizhi.Orchard.Mediation.Pages;

public sealed class IndexModel(MediationDbContext db, ITownshipAccessor townships) : PageModel
{
    public IReadOnlyList<Room> Rooms { get; private set; } = [];
    public IReadOnlyList<string> Specialties { get; private set; } = [];
    public string? Specialty { get; private set; }
    public bool CanBook => townships.Current.IsEnabled(MediationFeatures.Booking);

    public async Task OnGetAsync(string? specialty, CancellationToken ct)
    {
        var all = await db.Rooms.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        Specialties = [.. Categories.All.Where(c => all.Any(r => r.Specialties.Contains(c)))];
        Specialty = Specialties.Contains(specialty ?? "") ? specialty : null;
        Rooms = [.. all.Where(r => Specialty is null || r.Specialties.Contains(Specialty))];
    }
}
