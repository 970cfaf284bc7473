using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.DisputeRouting.Dashboard;
using Zhizhi.Orchard.Townships.Contracts;

namespace Zhizhi.Orchard.DisputeRouting.Pages.Admin;

/// <summary>纠纷统计看板: the figures of GET /api/disputes/dashboard as charts (ECharts), each with its table.</summary>
[Authorize(Policy = DisputePermissions.ViewName)]
public sealed class DashboardModel(DisputeDashboard dashboard, ITownshipDirectory directory, Township township, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Village { get; set; }

    public DashboardDto? Figures { get; private set; }
    public IReadOnlyList<string> Villages { get; private set; } = [];

    /// <summary>The JSON endpoint the charts read, with this page's filter.</summary>
    public string DataUrl => Url.Content("~/api/disputes/dashboard") + QueryString.Create(new Dictionary<string, string?>
    {
        ["from"] = Figures?.From, ["to"] = Figures?.To, ["village"] = Figures?.Village,
    }.Where(kv => !string.IsNullOrEmpty(kv.Value))).ToUriComponent();

    public async Task OnGetAsync(CancellationToken ct)
    {
        Villages = [.. (await directory.VillagesAsync(ct)).Select(v => v.Name)];
        var (filter, errors) = await DashboardFilter.ParseAsync(From, To, Village, township, clock.GetUtcNow().UtcDateTime, directory, ct);
        foreach (var (field, messages) in errors)
            foreach (var message in messages) ModelState.AddModelError(char.ToUpperInvariant(field[0]) + field[1..], message);
        if (filter is null) return;
        Figures = await dashboard.ComputeAsync(filter, ct);
        From = Figures.From;
        To = Figures.To;
    }

    public static string Percent(double rate) => (rate * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
