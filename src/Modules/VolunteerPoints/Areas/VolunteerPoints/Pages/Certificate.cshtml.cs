using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.VolunteerPoints.Recognition;

namespace Zhizhi.Orchard.VolunteerPoints.Pages;

/// <summary>A printable certificate of the signed-in volunteer's service (A4, print stylesheet, no site chrome).</summary>
[Authorize]
public sealed class CertificateModel(Recognition.Recognition recognition) : PageModel
{
    public CertificateDto? Certificate { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
        => Certificate = await recognition.CertificateAsync(User.FindFirstValue(ClaimTypes.Name)!, ct);
}
