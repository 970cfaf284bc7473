using Zhizhi.Orchard.Workflows.Contracts;

namespace Zhizhi.Orchard.Workflows.Activities;

/// <summary>An activity type with checks of its own on its properties at save time (beyond kind and syntax).</summary>
internal interface IPropertyCheck
{
    IEnumerable<(string Property, string Message)> Check(System.Text.Json.Nodes.JsonObject properties);
}

/// <summary>Every activity type the process knows: the built-in ones and those other modules register.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, IWorkflowActivity> _types;

    public ActivityRegistry(IEnumerable<IWorkflowActivity> activities)
    {
        _types = new(StringComparer.Ordinal);
        foreach (var a in activities) _types[a.Descriptor.Type] = a;
    }

    /// <summary>The built-in types; the two that reach out of the platform (HTTP request, notify's webhook) obey <paramref name="guard"/>.</summary>
    public static IReadOnlyList<IWorkflowActivity> BuiltIn(OutboundGuard? guard = null) =>
    [
        .. Local(), new HttpRequestActivity(guard ?? OutboundGuard.None), new NotifyActivity(guard ?? OutboundGuard.None),
    ];

    /// <summary>The built-in types that need nothing from the host.</summary>
    internal static IReadOnlyList<IWorkflowActivity> Local() =>
    [
        new StartActivity(), new SignalActivity(), new TimerActivity(), new IfActivity(), new SwitchActivity(),
        new SetPropertyActivity(), new ForkActivity(), new JoinActivity(), new UserTaskActivity(), new FinishActivity(),
    ];

    public IWorkflowActivity? Find(string? type) => type is null ? null : _types.GetValueOrDefault(type);

    public IEnumerable<ActivityDescriptor> Descriptors => _types.Values.Select(a => a.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.Type);
}
