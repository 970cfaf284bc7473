using Zhizhi.Orchard.Workflows.Contracts;

namespace Zhizhi.Orchard.Workflows.Activities;

/// <summary>Every activity type the process knows: the built-in ones and those other modules register.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, IWorkflowActivity> _types;

    public ActivityRegistry(IEnumerable<IWorkflowActivity> activities)
    {
        _types = new(StringComparer.Ordinal);
        foreach (var a in activities) _types[a.Descriptor.Type] = a;
    }

    public static IReadOnlyList<IWorkflowActivity> BuiltIn() =>
    [
        new StartActivity(), new SignalActivity(), new TimerActivity(), new IfActivity(), new SwitchActivity(),
        new SetPropertyActivity(), new ForkActivity(), new JoinActivity(), new UserTaskActivity(), new FinishActivity(), new HttpRequestActivity(), new NotifyActivity(),
    ];

    public IWorkflowActivity? Find(string? type) => type is null ? null : _types.GetValueOrDefault(type);

    public IEnumerable<ActivityDescriptor> Descriptors => _types.Values.Select(a => a.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.Type);
}
