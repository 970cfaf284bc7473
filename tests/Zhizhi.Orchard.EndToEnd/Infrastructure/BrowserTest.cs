using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Zhizhi.Orchard.EndToEnd.Infrastructure;

/// <summary>
/// Base of every journey: its own browser context and page on the shared host, helpers that act like a
/// person (labels, button names), a screenshot when the test failed.
/// </summary>
public abstract class BrowserTest(BrowserHost host) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected BrowserHost Host { get; } = host;

    /// <summary>The page of the test's first context.</summary>
    protected IPage Page { get; private set; } = null!;

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    public virtual async ValueTask InitializeAsync()
    {
        Host.EnsureAvailable();
        Page = await NewPageAsync();
    }

    /// <summary>A page in a further, separate context: another person, with cookies of their own.</summary>
    protected async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Host.NewContextAsync(options);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>A page in a new context already signed in as that account (the session is made once per run).</summary>
    protected async Task<IPage> SignedInPageAsync(string prefix, string userName, string password, BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.StorageState = await Host.SessionAsync(prefix, userName, password);
        return await NewPageAsync(options);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            var name = (TestContext.Current.Test?.TestDisplayName ?? GetType().Name).Replace("Zhizhi.Orchard.EndToEnd.Journeys.", "", StringComparison.Ordinal);
            foreach (var (context, i) in _contexts.Select((c, i) => (c, i)))
                foreach (var page in context.Pages)
                {
                    try { await Screenshots.TakeAsync(page, $"failed/{Screenshots.Safe(name)}-{i}"); }
                    catch (PlaywrightException) { }
                }
        }
        foreach (var context in _contexts) await context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Signs in through the login form of a tenant ("" for the county, "hengjie/" for a township) and
    /// waits until the browser has left the login page.
    /// </summary>
    internal static async Task SignInAsync(IPage page, string prefix, string userName, string password)
    {
        await page.GotoAsync(prefix + "account/login");
        var form = page.Locator("main form");
        await form.GetByLabel("用户名", new() { Exact = true }).FillAsync(userName);
        await form.GetByLabel("密码", new() { Exact = true }).FillAsync(password);
        await form.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));
    }

    /// <summary>The county administrator opens a township through the "开设新乡镇" form.</summary>
    protected static async Task CreateTownshipAsync(IPage page, NewTownship township)
    {
        await page.GotoAsync("admin/townships");
        var form = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "开设乡镇" }) });
        await form.GetByLabel("标识").FillAsync(township.Name);
        await form.GetByLabel("乡镇名称").FillAsync(township.DisplayName);
        await form.GetByLabel("管理员用户名").FillAsync(township.AdminUserName);
        await form.GetByLabel("管理员密码").FillAsync(township.AdminPassword);
        await form.GetByLabel("配方").SelectOptionAsync("default");
        await form.GetByRole(AriaRole.Button, new() { Name = "开设乡镇" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"已开设“{township.DisplayName}”");
    }
}

/// <summary>What the county administrator types into the "开设新乡镇" form.</summary>
public sealed record NewTownship(string Name, string DisplayName, string AdminUserName, string AdminPassword)
{
    public static NewTownship Unique()
    {
        var name = Names.Township();
        return new NewTownship(name, "试点镇" + Names.Suffix(), "admin-" + Names.Random(4), "Town-Pass-" + Names.Random(6) + "7");
    }
}
