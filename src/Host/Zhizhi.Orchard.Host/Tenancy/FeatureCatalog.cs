using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Host.Tenancy;

/// <summary>All features of all listed modules, with the dependency rules for switching them.</summary>
internal sealed class FeatureCatalog : IFeatureNames
{
    private readonly Dictionary<string, FeatureDescriptor> _features;
    private readonly Dictionary<string, ModuleDescriptor> _moduleOf;

    public FeatureCatalog(IEnumerable<ModuleDescriptor> modules)
    {
        Modules = [.. modules];
        _features = new(StringComparer.Ordinal);
        _moduleOf = new(StringComparer.Ordinal);
        foreach (var module in Modules)
        {
            foreach (var feature in module.Features)
            {
                if (!_features.TryAdd(feature.Id, feature))
                    throw new InvalidOperationException($"Feature '{feature.Id}' is declared twice.");
                _moduleOf[feature.Id] = module;
            }
        }
        foreach (var feature in _features.Values)
            foreach (var dependency in feature.DependsOn)
                if (!_features.ContainsKey(dependency))
                    throw new InvalidOperationException($"Feature '{feature.Id}' depends on unknown feature '{dependency}'.");
    }

    public IReadOnlyList<ModuleDescriptor> Modules { get; }

    public IEnumerable<FeatureDescriptor> All => _features.Values;

    public FeatureDescriptor? Find(string? id) => id is null ? null : _features.GetValueOrDefault(id);

    public string NameOf(string featureId) => Find(featureId)?.Name ?? featureId;

    public IReadOnlyList<FeatureDescriptor> ForTownships => [.. _features.Values.Where(f => IsAvailable(f, host: false))];

    public ModuleDescriptor ModuleOf(string featureId) => _moduleOf[featureId];

    public static bool IsAvailable(FeatureDescriptor feature, bool host) => feature.Availability switch
    {
        FeatureAvailability.Everywhere => true,
        FeatureAvailability.Host => host,
        _ => !host,
    };

    /// <summary>The features a new tenant starts with, dependencies included.</summary>
    public IReadOnlySet<string> Defaults(bool host)
        => Close(_features.Values.Where(f => IsAvailable(f, host) && (f.DefaultEnabled || f.AlwaysEnabled)).Select(f => f.Id));

    /// <summary>
    /// Applies a change request. Enabling pulls in dependencies; disabling also disables what depends on it.
    /// Returns the new set, or Chinese errors and no change.
    /// </summary>
    public (IReadOnlySet<string>? Features, List<string> Errors) Change(IReadOnlySet<string> current, IEnumerable<string> enable, IEnumerable<string> disable, bool host)
    {
        var errors = new List<string>();
        var toEnable = enable.ToList();
        var toDisable = disable.ToList();
        foreach (var id in toEnable.Concat(toDisable).Distinct())
        {
            var feature = Find(id);
            if (feature is null) errors.Add(string.IsNullOrWhiteSpace(id) ? "功能标识不能为空" : $"未知的功能“{id}”");
            else if (!IsAvailable(feature, host)) errors.Add(host ? $"功能“{feature.Name}”({id})只能在乡镇启用" : $"功能“{feature.Name}”({id})只属于县级平台");
        }
        foreach (var id in toEnable.Intersect(toDisable)) errors.Add($"功能“{id}”不能同时启用和停用");
        foreach (var id in toDisable)
            if (Find(id) is { AlwaysEnabled: true } f) errors.Add($"功能“{f.Name}”({id})是基础功能,不能停用");
        if (errors.Count > 0) return (null, errors);

        var result = new HashSet<string>(Close(current.Union(toEnable)), StringComparer.Ordinal);
        foreach (var id in toDisable) result.Remove(id);
        // Drop whatever lost a dependency, until nothing changes.
        bool changed;
        do
        {
            changed = false;
            foreach (var id in result.ToList())
            {
                if (_features[id].DependsOn.Any(d => !result.Contains(d)))
                {
                    if (_features[id].AlwaysEnabled)
                    {
                        errors.Add($"基础功能“{_features[id].Name}”依赖此功能,不能停用");
                        return (null, errors);
                    }
                    result.Remove(id);
                    changed = true;
                }
            }
        } while (changed);
        return (result, errors);
    }

    public IReadOnlySet<string> Close(IEnumerable<string> ids)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(ids);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!_features.ContainsKey(id) || !result.Add(id)) continue;
            foreach (var dependency in _features[id].DependsOn) stack.Push(dependency);
        }
        return result;
    }

    /// <summary>Dependencies before dependants, so migrations and setup run in a valid order.</summary>
    public IReadOnlyList<FeatureDescriptor> InDependencyOrder(IEnumerable<string> ids)
    {
        var wanted = new HashSet<string>(ids, StringComparer.Ordinal);
        var ordered = new List<FeatureDescriptor>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string id)
        {
            if (!visited.Add(id) || !_features.TryGetValue(id, out var f)) return;
            foreach (var d in f.DependsOn) Visit(d);
            if (wanted.Contains(id)) ordered.Add(f);
        }
        foreach (var id in wanted.Order(StringComparer.Ordinal)) Visit(id);
        return ordered;
    }
}
