using System.Reflection;
using NetArchTest.Rules;

namespace Zhizhi.Orchard.Tests.Architecture;

/// <summary>Modules meet only through Contracts; the kit (Abstractions) and the modules never reach into the host.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly Assembly Abstractions = typeof(Zhizhi.Orchard.Modules.FeatureStartup).Assembly;
    private static readonly Assembly HostAssembly = typeof(Zhizhi.Orchard.Host.HostModules).Assembly;

    private static IReadOnlyList<Assembly> Modules => [.. Zhizhi.Orchard.Host.HostModules.Modules.Select(m => m.GetType().Assembly).Distinct()];

    public static TheoryData<string, string> ModulePairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var a in Modules)
            foreach (var b in Modules.Where(b => b != a))
                data.Add(a.GetName().Name!, b.GetName().Name!);
        return data;
    }

    private static Assembly Module(string name) => Modules.Single(m => m.GetName().Name == name);

    /// <summary>Every type of <paramref name="assembly"/> outside a namespace ending in ".Contracts".</summary>
    private static string[] NonContractTypes(Assembly assembly)
        => [.. Types.InAssembly(assembly).GetTypes()
            .Where(t => t.FullName is not null && !t.FullName.Contains('<') && !(t.Namespace ?? "").EndsWith(".Contracts", StringComparison.Ordinal))
            .Select(t => t.FullName!)];

    [Fact]
    public void ThereAreAtLeastTwoModulesToCheck() => Assert.True(Modules.Count >= 2);

    [Theory]
    [MemberData(nameof(ModulePairs))]
    public void AModuleUsesAnotherModuleOnlyThroughItsContracts(string module, string other)
    {
        var forbidden = NonContractTypes(Module(other));

        var result = Types.InAssembly(Module(module)).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful, $"{module} uses non-contract types of {other}: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [MemberData(nameof(ModulePairs))]
    public void AModuleDoesNotReferenceAnotherModuleAssemblyExceptForContracts(string module, string other)
    {
        // A project reference alone is allowed only if nothing but Contracts is used; the theory above checks
        // that. Here: no module may reference a module that has no Contracts namespace at all.
        var referenced = Module(module).GetReferencedAssemblies().Any(r => r.Name == other);
        var hasContracts = Module(other).GetTypes().Any(t => (t.Namespace ?? "").EndsWith(".Contracts", StringComparison.Ordinal));

        Assert.False(referenced && !hasContracts, $"{module} references {other}, which offers no Contracts");
    }

    [Fact]
    public void AbstractionsDependsOnNoModuleAndNotOnTheHost()
    {
        var forbidden = Modules.Select(m => m.GetName().Name!).Append(HostAssembly.GetName().Name!).ToArray();

        var result = Types.InAssembly(Abstractions).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful, $"Abstractions depends on: {string.Join(", ", result.FailingTypeNames ?? [])}");
        Assert.DoesNotContain(Abstractions.GetReferencedAssemblies(), r => forbidden.Contains(r.Name));
    }

    [Fact]
    public void ModulesDoNotDependOnTheHost()
    {
        foreach (var module in Modules)
        {
            var result = Types.InAssembly(module).ShouldNot().HaveDependencyOn("Zhizhi.Orchard.Host").GetResult();

            Assert.True(result.IsSuccessful, $"{module.GetName().Name} depends on the host: {string.Join(", ", result.FailingTypeNames ?? [])}");
            Assert.DoesNotContain(module.GetReferencedAssemblies(), r => r.Name == HostAssembly.GetName().Name);
        }
    }

    [Fact]
    public void TheUsersAndTownshipsModulesAreCoveredByTheChecks()
    {
        var names = Modules.Select(m => m.GetName().Name).ToList();

        Assert.Contains("Zhizhi.Orchard.Users", names);
        Assert.Contains("Zhizhi.Orchard.Townships", names);
    }
}
