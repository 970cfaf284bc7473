using System.Reflection;

namespace Zhizhi.Orchard.Modules;

/// <summary>What a module's Manifest.cs declares: the module and the features it offers.</summary>
public sealed record ModuleDescriptor(string Id, string Name, IReadOnlyList<FeatureDescriptor> Features)
{
    public Assembly Assembly => Features.Count > 0 ? Features[0].Startup.Assembly : typeof(ModuleDescriptor).Assembly;
}

/// <summary>
/// A feature is the unit a township switches on or off. <see cref="Availability"/> says where it may be
/// enabled: the county host, townships, or both. <see cref="AlwaysEnabled"/> features cannot be switched off.
/// </summary>
public sealed record FeatureDescriptor(
    string Id,
    string Name,
    Type Startup,
    string[]? Dependencies = null,
    bool DefaultEnabled = true,
    bool AlwaysEnabled = false,
    FeatureAvailability Availability = FeatureAvailability.Townships,
    string? Description = null)
{
    public IReadOnlyList<string> DependsOn => Dependencies ?? [];
}

public enum FeatureAvailability
{
    Townships,
    Host,
    Everywhere,
}

/// <summary>Every module has one class implementing this, named Manifest, at its root.</summary>
public interface IModuleManifest
{
    ModuleDescriptor Module { get; }
}
