using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>
/// axe-core on the signed-in pages of the hengjie administrator, of a hengjie resident, volunteer and shop
/// clerk, and of the county administrator: no "serious" or "critical" violation. Leaves a screenshot of each in artifacts/screenshots/.
/// </summary>
public sealed class BackOfficeAccessibilityTests(BrowserHost host) : BrowserTest(host)
{
    public const string HengjieAdmin = "hengjie-admin";
    public const string CountyAdmin = "county-admin";
    public const string HengjieResident = "hengjie-jumin";
    public const string HengjieVolunteer = "hengjie-zhiyuan";
    public const string HengjieClerk = "hengjie-dianyuan";

    [Theory]
    [InlineData("hengjie/admin", HengjieAdmin)]
    [InlineData("hengjie/admin/villages", HengjieAdmin)]
    [InlineData("hengjie/admin/notices", HengjieAdmin)]
    [InlineData("hengjie/admin/users", HengjieAdmin)]
    [InlineData("hengjie/admin/roles", HengjieAdmin)]
    [InlineData("hengjie/admin/settings", HengjieAdmin)]
    [InlineData("hengjie/admin/legal", HengjieAdmin)]
    [InlineData("hengjie/admin/legal/edit/1", HengjieAdmin)]
    [InlineData("hengjie/admin/legal/preview/1", HengjieAdmin)]
    [InlineData("hengjie/admin/mediation", HengjieAdmin)]
    [InlineData("hengjie/admin/mediation/bookings", HengjieAdmin)]
    [InlineData("hengjie/admin/mediation/mediators", HengjieAdmin)]
    [InlineData("hengjie/admin/calendar", HengjieAdmin)]
    [InlineData("hengjie/admin/volunteers", HengjieAdmin)]
    [InlineData("hengjie/admin/exchange", HengjieAdmin)]
    [InlineData("hengjie/admin/exchange", HengjieClerk)]
    [InlineData("hengjie/admin/disputes", HengjieAdmin)]
    [InlineData("hengjie/admin/disputes/1", HengjieAdmin)]
    [InlineData("hengjie/admin/disputes/settings", HengjieAdmin)]
    [InlineData("hengjie/disputes", HengjieResident)]
    [InlineData("hengjie/disputes/mine", HengjieResident)]
    [InlineData("hengjie/", HengjieAdmin)]
    [InlineData("hengjie/mediation/rooms/1", HengjieResident)]
    [InlineData("hengjie/mediation/bookings", HengjieResident)]
    [InlineData("hengjie/volunteers", HengjieVolunteer)]
    [InlineData("hengjie/points", HengjieVolunteer)]
    [InlineData("hengjie/exchange", HengjieVolunteer)]
    [InlineData("hengjie/volunteers/certificate", HengjieVolunteer)]
    [InlineData("hengjie/volunteers/activities/1/checkin?code=123456", HengjieVolunteer)]
    [InlineData("hengjie/admin/volunteers/points", HengjieAdmin)]
    [InlineData("admin", CountyAdmin)]
    [InlineData("admin/townships", CountyAdmin)]
    [InlineData("admin/townships/hengjie", CountyAdmin)]
    public async Task The_signed_in_page_has_no_serious_or_critical_accessibility_violations(string path, string who)
    {
        var page = who switch
        {
            CountyAdmin => await SignedInPageAsync("", BrowserHost.CountyAdmin, BrowserHost.CountyPassword),
            HengjieResident => await SignedInPageAsync("hengjie/", "jumin", BrowserHost.DemoPassword),
            HengjieVolunteer => await SignedInPageAsync("hengjie/", "zhiyuan", BrowserHost.DemoPassword),
            HengjieClerk => await SignedInPageAsync("hengjie/", "dianyuan", BrowserHost.DemoPassword),
            _ => await SignedInPageAsync("hengjie/", "admin", BrowserHost.DemoPassword),
        };
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        Assert.DoesNotContain("/account/", page.Url, StringComparison.Ordinal);
        await Screenshots.TakeAsync(page, Screenshots.Safe(path.TrimEnd('/')) + "-" + who);
        await Axe.AssertNoSeriousViolationsAsync(page, $"/{path} ({who})");
    }
}

/// <summary>Township admins pick any brand colours in 乡镇设置; the layouts keep text on them readable.</summary>
public sealed class BrandColourAccessibilityTests(BrowserHost host) : BrowserTest(host)
{
    [Fact]
    public async Task A_township_that_picks_pale_brand_colours_still_gets_readable_pages()
    {
        var town = NewTownship.Unique();
        await SignInAsync(Page, "", BrowserHost.CountyAdmin, BrowserHost.CountyPassword);
        await CreateTownshipAsync(Page, town);

        var admin = await NewPageAsync();
        await SignInAsync(admin, town.Name + "/", town.AdminUserName, town.AdminPassword);
        await admin.GotoAsync(town.Name + "/admin/settings");
        await admin.GetByLabel("主色").FillAsync("#fde047");
        await admin.GetByLabel("辅色").FillAsync("#1e3a8a");
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存设置" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToHaveTextAsync("设置已保存");

        await admin.GotoAsync(town.Name + "/admin");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "概览", Level = 1 })).ToBeVisibleAsync();
        var figures = await Axe.ContrastOnWhiteAsync(admin, ".zz-stat");
        Assert.True(figures >= 4.5, $"the dashboard figures have {figures:0.00}:1 contrast on white (4.5:1 needed)");
        await Axe.AssertNoSeriousViolationsAsync(admin, $"/{town.Name}/admin (pale colours)");

        var visitor = await NewPageAsync();
        await visitor.GotoAsync(town.Name + "/");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("欢迎来到" + town.DisplayName);
        await Screenshots.TakeAsync(visitor, "pale-colours-township");
        await Axe.AssertNoSeriousViolationsAsync(visitor, $"/{town.Name}/ (pale colours)");
    }
}
