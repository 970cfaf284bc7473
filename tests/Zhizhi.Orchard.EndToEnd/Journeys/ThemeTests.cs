using Microsoft.Playwright;
using Zhizhi.Orchard.EndToEnd.Infrastructure;

namespace Zhizhi.Orchard.EndToEnd.Journeys;

/// <summary>One township, one brand: the theme chosen for a township replaces the layout, and every layout fits a phone.</summary>
public sealed class ThemeTests(BrowserHost host) : BrowserTest(host)
{
    [Fact]
    public async Task Hengjie_wears_the_Fengqiao_brand_layout_while_xichangan_keeps_the_default_layout()
    {
        await Page.GotoAsync("hengjie/");
        await Expect(Page.Locator("header.fq-banner")).ToBeVisibleAsync();
        await Expect(Page.Locator("header.fq-banner")).ToContainTextAsync("横街镇");
        await Expect(Page.Locator(".zz-header")).ToHaveCountAsync(0);
        await Expect(Page.Locator("footer")).ToContainTextAsync("枫桥经验");
        // The brand colours come from the township's settings.
        await Expect(Page.Locator("header.fq-banner")).ToHaveCSSAsync("border-bottom-color", "rgb(212, 160, 23)");

        await Page.GotoAsync("xichangan/");
        await Expect(Page.Locator("header.zz-header")).ToBeVisibleAsync();
        await Expect(Page.Locator("header.zz-header")).ToContainTextAsync("西长安街街道");
        await Expect(Page.Locator(".fq-banner")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hengjie/")]
    [InlineData("xichangan/")]
    [InlineData("hengjie/account/register")]
    public async Task The_page_fits_a_phone_screen_without_sideways_scrolling(string path)
    {
        var phone = await NewPageAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
        });
        var response = await phone.GotoAsync(path);
        Assert.Equal(200, response!.Status);
        await Expect(phone.Locator("main")).ToBeVisibleAsync();
        var size = await phone.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        await Screenshots.TakeAsync(phone, "phone-" + (path.Length == 0 ? "county" : Screenshots.Safe(path.TrimEnd('/'))));
        Assert.True(size[0] <= size[1], $"/{path} scrolls sideways on a 390 px phone: scrollWidth {size[0]} > innerWidth {size[1]}");
    }
}
