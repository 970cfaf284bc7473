using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Zhizhi.Orchard.Mediation.Bookings;
using Zhizhi.Orchard.Mediation.Invitations;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Mediation.Pages;

[Authorize]
[RequiresFeature(MediationFeatures.Booking)]
public sealed class InvitationModel(BookingInvitations invitations) : PageModel
{
    public InvitationDto? Invitation { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        Invitation = code.Length <= 12 ? await invitations.FindAsync(code.ToUpperInvariant(), Applicant.Id(User), ct) : null;
        return Invitation is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (code.Length > 12 || Applicant.Id(User) is not { } me) return NotFound();
        TempData["Message"] = BookingInvitations.Message(await invitations.AcceptAsync(code.ToUpperInvariant(), me, ct));
        return RedirectToPage(new { code });
    }
}
