using System.Net;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Tenants;

/// <summary>
/// Switching features of a township through the tenant API. Runs on the instrumented hosts, which add a
/// test module with two optional features ("TestGadgets" and "TestGadgets.Extra", which depends on it).
/// </summary>
public abstract class FeatureTests(ZhizhiHost fixture)
{
    private const string Gadgets = "TestGadgets";
    private const string Extra = "TestGadgets.Extra";
    private static CancellationToken CT => TestContext.Current.CancellationToken;

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private async Task<HttpResponseMessage> ChangeAsync(string township, string[]? enable = null, string[]? disable = null)
    {
        using var admin = await Host.AdminClientAsync();
        return await admin.PostJsonAsync($"api/tenants/{township}/features", new { enable, disable });
    }

    [Fact]
    public async Task AnOptionalFeatureIsOffInANewTownshipAndItsRoutesAre404()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();

        using var response = await client.GetAsync("api/test/gadgets", CT);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var openApi = await client.GetJsonAsync("openapi/v1.json");
        Assert.DoesNotContain("/api/test/gadgets", openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task EnablingAFeatureTakesEffectAtOnceAndBringsItsDependencies()
    {
        var township = await Host.CreateTownshipAsync();
        using var client = township.Anonymous();
        await (await client.GetAsync("api/test/gadgets/extra", CT)).ShouldBeAsync(HttpStatusCode.NotFound);

        using var response = await ChangeAsync(township.Name, enable: [Extra]);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var features = (await response.JsonAsync()).GetProperty("features").Strings();
        Assert.Contains(Gadgets, features);
        Assert.Contains(Extra, features);
        Assert.Equal("on", (await client.GetJsonAsync("api/test/gadgets")).GetProperty("gadget").GetString());
        Assert.Equal("on", (await client.GetJsonAsync("api/test/gadgets/extra")).GetProperty("extra").GetString());
        using var admin = await Host.AdminClientAsync();
        Assert.Contains(Extra, (await admin.GetJsonAsync($"api/tenants/{township.Name}")).GetProperty("features").Strings());
        var openApi = await client.GetJsonAsync("openapi/v1.json");
        Assert.Contains("/api/test/gadgets", openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task DisablingAFeatureTakesEffectAtOnceAndAlsoDisablesWhatDependsOnIt()
    {
        var township = await Host.CreateTownshipAsync(features: [Extra]);
        using var client = township.Anonymous();
        await client.GetJsonAsync("api/test/gadgets/extra");

        using var response = await ChangeAsync(township.Name, disable: [Gadgets]);

        await response.ShouldBeAsync(HttpStatusCode.OK);
        var features = (await response.JsonAsync()).GetProperty("features").Strings();
        Assert.DoesNotContain(Gadgets, features);
        Assert.DoesNotContain(Extra, features);
        Assert.Contains("Portal", features);
        await (await client.GetAsync("api/test/gadgets", CT)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("api/test/gadgets/extra", CT)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await client.GetJsonAsync("api/portal/villages");
    }

    [Fact]
    public async Task AFeatureOfOneTownshipIsNotEnabledInAnother()
    {
        var on = await Host.CreateTownshipAsync(features: [Gadgets]);
        var off = await Host.CreateTownshipAsync();
        using var onClient = on.Anonymous();
        using var offClient = off.Anonymous();

        await onClient.GetJsonAsync("api/test/gadgets");
        await (await offClient.GetAsync("api/test/gadgets", CT)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAlwaysEnabledFeatureCannotBeDisabled()
    {
        var township = await Host.CreateTownshipAsync();

        using var response = await ChangeAsync(township.Name, disable: ["Portal"]);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("features");
        using var client = township.Anonymous();
        await client.GetJsonAsync("api/portal/villages");
    }

    [Fact]
    public async Task AHostOnlyFeatureCannotBeEnabledInATownship()
    {
        var township = await Host.CreateTownshipAsync();

        using var response = await ChangeAsync(township.Name, enable: ["Townships"]);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("features");
        using var admin = await township.AsAdminAsync();
        await (await admin.GetAsync("api/tenants", CT)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnUnknownFeatureIsRefusedAndNothingChanges()
    {
        var township = await Host.CreateTownshipAsync();

        using var response = await ChangeAsync(township.Name, enable: [Gadgets, "NoSuchFeature"]);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("features");
        using var client = township.Anonymous();
        await (await client.GetAsync("api/test/gadgets", CT)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AFeatureCannotBeEnabledAndDisabledAtOnce()
    {
        var township = await Host.CreateTownshipAsync();

        using var response = await ChangeAsync(township.Name, enable: [Gadgets], disable: [Gadgets]);

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("features");
    }

    [Fact]
    public async Task AFeatureChangeWithNeitherEnableNorDisableIs400()
    {
        var township = await Host.CreateTownshipAsync();

        using var response = await ChangeAsync(township.Name);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ChangingTheFeaturesOfAnUnknownTownshipIs404()
    {
        using var response = await ChangeAsync(Names.Township(), enable: [Gadgets]);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}

public sealed class FeatureTests_Sqlite(InstrumentedSqliteHost host) : FeatureTests(host);

public sealed class FeatureTests_Postgres(InstrumentedPostgresHost host) : FeatureTests(host);
