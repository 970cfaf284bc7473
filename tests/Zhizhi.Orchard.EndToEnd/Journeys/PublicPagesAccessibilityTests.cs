using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>
/// axe-core on the pages a visitor sees, in both layouts (Fengqiao for hengjie, Default for the county and
/// xichangan): no "serious" or "critical" violation. Leaves a screenshot of each in artifacts/screenshots/.
/// </summary>
public sealed class PublicPagesAccessibilityTests(BrowserHost host) : BrowserTest(host)
{
    [Theory]
    [InlineData("")]
    [InlineData("account/login")]
    [InlineData("hengjie/")]
    [InlineData("hengjie/account/login")]
    [InlineData("hengjie/account/register")]
    [InlineData("hengjie/notices")]
    [InlineData("hengjie/notices/1")]
    [InlineData("hengjie/villages")]
    [InlineData("hengjie/legal")]
    [InlineData("hengjie/legal/1")]
    [InlineData("hengjie/legal?q=%E8%B0%83%E8%A7%A3")]
    [InlineData("hengjie/mediation")]
    [InlineData("hengjie/mediation/rooms/1")]
    [InlineData("hengjie/volunteers")]
    [InlineData("hengjie/exchange")]
    [InlineData("hengjie/volunteers/honour-roll")]
    [InlineData("xichangan/")]
    [InlineData("xichangan/notices")]
    [InlineData("xichangan/villages")]
    [InlineData("xichangan/legal")]
    public async Task The_public_page_has_no_serious_or_critical_accessibility_violations(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        await Screenshots.TakeAsync(Page, path.Length == 0 ? "county" : Screenshots.Safe(path.TrimEnd('/')));
        await Axe.AssertNoSeriousViolationsAsync(Page, "/" + path);
    }
}
