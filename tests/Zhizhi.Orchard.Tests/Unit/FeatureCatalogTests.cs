using Zhizhi.Orchard.Host.Tenancy;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Tests.Unit;

public sealed class FeatureCatalogTests
{
    private sealed class NoStartup : FeatureStartup;

    private static FeatureDescriptor F(string id, string[]? dependsOn = null, bool always = false, bool defaultOn = true,
        FeatureAvailability availability = FeatureAvailability.Townships)
        => new(id, id + "名", typeof(NoStartup), dependsOn, defaultOn, always, availability);

    /// <summary>
    /// Core (always on, everywhere) ← Mediation ← Booking; Workflows ← Disputes (also needs Mediation);
    /// County is host-only; Search is off by default; Audit is always on and needs Workflows.
    /// </summary>
    private static FeatureCatalog Catalog(bool withAudit = false) => new(
    [
        new ModuleDescriptor("Core", "核心", [F("Core", always: true, availability: FeatureAvailability.Everywhere)]),
        new ModuleDescriptor("Mediation", "调解", [F("Mediation", ["Core"]), F("Mediation.Booking", ["Mediation"])]),
        new ModuleDescriptor("Disputes", "纠纷", [F("Workflows"), F("Disputes", ["Workflows", "Mediation"])]),
        new ModuleDescriptor("County", "县级", [F("County", always: true, availability: FeatureAvailability.Host)]),
        new ModuleDescriptor("Search", "搜索", [F("Search", defaultOn: false)]),
        .. withAudit ? new[] { new ModuleDescriptor("Audit", "审计", [F("Audit", ["Workflows"], always: true)]) } : [],
    ]);

    private static HashSet<string> Set(params string[] ids) => new(ids, StringComparer.Ordinal);

    [Fact]
    public void ClosingASetAddsEveryDependencyTransitively()
    {
        var closed = Catalog().Close(["Mediation.Booking"]);

        Assert.Equal(Set("Mediation.Booking", "Mediation", "Core"), closed);
    }

    [Fact]
    public void ClosingIgnoresUnknownIds()
        => Assert.Equal(Set("Core"), Catalog().Close(["Core", "Nope"]));

    [Fact]
    public void EnablingAFeaturePullsInItsDependencies()
    {
        var (features, errors) = Catalog().Change(Set("Core"), ["Disputes"], [], host: false);

        Assert.Empty(errors);
        Assert.Equal(Set("Core", "Disputes", "Workflows", "Mediation"), features);
    }

    [Fact]
    public void DisablingAFeatureAlsoDisablesEverythingThatDependsOnItTransitively()
    {
        var current = Set("Core", "Mediation", "Mediation.Booking", "Workflows", "Disputes", "Search");

        var (features, errors) = Catalog().Change(current, [], ["Mediation"], host: false);

        Assert.Empty(errors);
        Assert.Equal(Set("Core", "Workflows", "Search"), features);
    }

    [Fact]
    public void AnAlwaysEnabledFeatureCannotBeDisabled()
    {
        var (features, errors) = Catalog().Change(Set("Core", "Mediation"), [], ["Core"], host: false);

        Assert.Null(features);
        Assert.Single(errors);
        Assert.Matches(Infrastructure.Http.Chinese(), errors[0]);
    }

    [Fact]
    public void AFeatureThatAnAlwaysEnabledOneNeedsCannotBeDisabled()
    {
        var (features, errors) = Catalog(withAudit: true).Change(Set("Core", "Workflows", "Audit"), [], ["Workflows"], host: false);

        Assert.Null(features);
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void UnknownFeaturesAreRefusedByName()
    {
        var (features, errors) = Catalog().Change(Set("Core"), ["Mediation", "Teleport"], [], host: false);

        Assert.Null(features);
        Assert.Contains(errors, e => e.Contains("Teleport", StringComparison.Ordinal));
    }

    [Fact]
    public void AHostOnlyFeatureIsRefusedInATownshipAndATownshipFeatureOnTheHost()
    {
        var catalog = Catalog();

        Assert.Null(catalog.Change(Set("Core"), ["County"], [], host: false).Features);
        Assert.Null(catalog.Change(Set("Core", "County"), ["Mediation"], [], host: true).Features);
        Assert.NotNull(catalog.Change(Set("Core"), ["Mediation"], [], host: false).Features);
    }

    [Fact]
    public void AFeatureCannotBeEnabledAndDisabledInOneChange()
    {
        var (features, errors) = Catalog().Change(Set("Core"), ["Search"], ["Search"], host: false);

        Assert.Null(features);
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void ARefusedChangeLeavesTheCurrentSetUntouched()
    {
        var current = Set("Core", "Mediation");

        _ = Catalog().Change(current, ["Search"], ["Core"], host: false);

        Assert.Equal(Set("Core", "Mediation"), current);
    }

    [Fact]
    public void DefaultsAreTheDefaultOnAndAlwaysOnFeaturesAvailableThere()
    {
        var catalog = Catalog();

        Assert.Equal(Set("Core", "Mediation", "Mediation.Booking", "Workflows", "Disputes"), catalog.Defaults(host: false));
        Assert.Equal(Set("Core", "County"), catalog.Defaults(host: true));
    }

    [Fact]
    public void DependencyOrderPutsDependenciesFirst()
    {
        var ordered = Catalog().InDependencyOrder(["Disputes", "Mediation.Booking", "Core", "Mediation", "Workflows"]).Select(f => f.Id).ToList();

        Assert.Equal(5, ordered.Count);
        Assert.True(ordered.IndexOf("Core") < ordered.IndexOf("Mediation"));
        Assert.True(ordered.IndexOf("Mediation") < ordered.IndexOf("Mediation.Booking"));
        Assert.True(ordered.IndexOf("Mediation") < ordered.IndexOf("Disputes"));
        Assert.True(ordered.IndexOf("Workflows") < ordered.IndexOf("Disputes"));
    }

    [Fact]
    public void DependencyOrderListsOnlyTheRequestedFeatures()
        => Assert.Equal(["Mediation.Booking"], Catalog().InDependencyOrder(["Mediation.Booking"]).Select(f => f.Id));

    [Fact]
    public void AFeatureDeclaredTwiceIsAnError()
        => Assert.Throws<InvalidOperationException>(() => new FeatureCatalog(
        [
            new ModuleDescriptor("A", "A", [F("X")]),
            new ModuleDescriptor("B", "B", [F("X")]),
        ]));

    [Fact]
    public void ADependencyOnAnUnknownFeatureIsAnError()
        => Assert.Throws<InvalidOperationException>(() => new FeatureCatalog([new ModuleDescriptor("A", "A", [F("X", ["Y"])])]));

    [Fact]
    public void TheRealModulesComposeWithPortalAndUsersAlwaysOnAndTownshipsHostOnly()
    {
        var catalog = new FeatureCatalog(Zhizhi.Orchard.Host.HostModules.Modules.Select(m => m.Module));

        Assert.Contains("Portal", catalog.Defaults(host: false));
        Assert.Contains("Users", catalog.Defaults(host: false));
        Assert.DoesNotContain("Townships", catalog.Defaults(host: false));
        Assert.Contains("Townships", catalog.Defaults(host: true));
        Assert.Null(catalog.Change(catalog.Defaults(host: false), [], ["Portal"], host: false).Features);
    }
}
