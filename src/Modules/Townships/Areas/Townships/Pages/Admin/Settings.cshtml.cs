using Zhizhi.Orchard.Http;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.Townships.Media;

namespace Zhizhi.Orchard.Townships.Pages.Admin;

/// <summary>A township's own name, colours, logo and introduction; the theme itself is chosen by the county.</summary>
[Authorize(Policy = "Portal.ManageSettings")]
public sealed class SettingsModel(ITownshipAccessor townships, ITownshipManager manager, Logos logos) : PageModel
{
    [BindProperty] public SettingsInput Input { get; set; } = new();
    [BindProperty, Display(Name = "标志")] public IFormFile? Logo { get; set; }
    public string? CurrentLogo => townships.Current.Settings.LogoUrl;

    public sealed class SettingsInput
    {
        public string? DisplayName { get; set; }
        public string Kind { get; set; } = "镇";
        public string? County { get; set; }
        public string PrimaryColor { get; set; } = "#b91c1c";
        public string AccentColor { get; set; } = "#f59e0b";
        public string? Slogan { get; set; }
        public string? About { get; set; }
    }

    public void OnGet()
    {
        var t = townships.Current;
        Input = new SettingsInput
        {
            DisplayName = t.DisplayName, Kind = t.Settings.Kind, County = t.Settings.County,
            PrimaryColor = t.Settings.PrimaryColor, AccentColor = t.Settings.AccentColor, Slogan = t.Settings.Slogan, About = t.Settings.About,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var t = townships.Current;
        var logoUrl = t.Settings.LogoUrl;
        if (Logo is not null)
        {
            var (url, error) = await logos.SaveAsync(t, Logo, ct);
            if (error is not null)
            {
                ModelState.AddModelError(nameof(Logo), error);
                return Page();
            }
            logoUrl = (t.IsHost ? "/" : $"/{t.Name}/") + url;
        }
        var settings = t.Settings with
        {
            Kind = Input.Kind, County = Input.County?.Trim(), PrimaryColor = Input.PrimaryColor, AccentColor = Input.AccentColor,
            Slogan = string.IsNullOrWhiteSpace(Input.Slogan) ? null : Input.Slogan.Trim(),
            About = string.IsNullOrWhiteSpace(Input.About) ? null : Input.About.Replace("\r\n", "\n").Trim(),
            LogoUrl = logoUrl,
        };
        var result = await manager.UpdateAsync(t.Name, Input.DisplayName ?? "", null, settings, null, ct);
        if (!result.Succeeded)
        {
            ModelState.AddFieldErrors(result.Errors);
            return Page();
        }
        TempData["Message"] = "设置已保存";
        return RedirectToPage();
    }
}
