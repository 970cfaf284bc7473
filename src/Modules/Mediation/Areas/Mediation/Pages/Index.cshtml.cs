using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Zhizhi.Orchard.Mediation.Data;
using Zhizhi.Orchard.Mediation.Rooms;

namespace Zhizhi.Orchard.Mediation.Pages;

public sealed class IndexModel(MediationDbContext db, ITownshipAccessor townships, Townships.Contracts.ITownshipDirectory villages) : PageModel
{
    public IReadOnlyList<Room> Rooms { get; private set; } = [];
    public IReadOnlyList<string> Specialties { get; private set; } = [];
    public string? Specialty { get; private set; }
    public IReadOnlyList<string> Villages { get; private set; } = [];
    public string? Village { get; private set; }

    public string Link(string? specialty, string? village)
    {
        var query = new List<string>();
        if (specialty is not null) query.Add("specialty=" + Uri.EscapeDataString(specialty));
        if (village is not null) query.Add("village=" + Uri.EscapeDataString(village));
        return Url.Content("~/mediation") + (query.Count == 0 ? "" : "?" + string.Join("&", query));
    }
    public bool CanBook => townships.Current.IsEnabled(MediationFeatures.Booking);

    public async Task OnGetAsync(string? specialty, string? village, CancellationToken ct)
    {
        var all = await db.Rooms.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        Specialties = [.. Categories.All.Where(c => all.Any(r => r.Specialties.Contains(c)))];
        Specialty = Specialties.Contains(specialty ?? "") ? specialty : null;
        // Villages in the township directory's order, those with a room only.
        var directory = (await villages.VillagesAsync(ct)).Select(v => v.Name).ToList();
        Villages = [.. directory.Where(v => all.Any(r => r.Village == v)).Concat(all.Select(r => r.Village).OfType<string>().Where(v => !directory.Contains(v)).Distinct())];
        Village = Villages.Contains(village ?? "") ? village : null;
        Rooms = [.. all.Where(r => Specialty is null || r.Specialties.Contains(Specialty)).Where(r => Village is null || r.Village == Village)];
    }
}
