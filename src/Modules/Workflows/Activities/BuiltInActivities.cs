using System.Text.Json.Nodes;
using System.Xml;
using Zhizhi.Orchard.Workflows.Contracts;

namespace Zhizhi.Orchard.Workflows.Activities;

internal static class Outcomes
{
    public const string Done = "Done";
    public const string True = "True";
    public const string False = "False";
    public const string Default = "Default";

    public static IReadOnlyList<string> Names(JsonObject properties, string name)
        => properties[name] is JsonArray a ? [.. a.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>()] : [];

    public static TimeSpan? Duration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            var span = XmlConvert.ToTimeSpan(text.Trim());
            return span > TimeSpan.Zero ? span : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}

internal sealed class StartActivity : IWorkflowActivity
{
    public ActivityDescriptor Descriptor { get; } = new("Start", "开始", "事件", [], "流程的起点");
    public IReadOnlyList<string> Outcomes(JsonObject properties) => [Activities.Outcomes.Done];
    public ActivityResult Execute(ActivityContext context) => ActivityResult.Done(Activities.Outcomes.Done);
}

internal sealed class SignalActivity : IWorkflowActivity
{
    public ActivityDescriptor Descriptor { get; } = new("Signal", "等待信号", "事件",
        [new("signal", "信号名称", PropertyKind.Text)], "等待按关联号送来的指定信号");
    public IReadOnlyList<string> Outcomes(JsonObject properties) => [Activities.Outcomes.Done];
    public ActivityResult Execute(ActivityContext context) => ActivityResult.Wait(WaitKind.Signal, signal: context.Text("signal"));
}

internal sealed class TimerActivity : IWorkflowActivity
{
    public ActivityDescriptor Descriptor { get; } = new("Timer", "定时/期限", "事件",
        [new("duration", "时长(ISO 8601,如 P7D 按工作日、PT30S 按实际时间)", PropertyKind.Duration)], "等待一段时间后继续");
    public IReadOnlyList<string> Outcomes(JsonObject properties) => [Activities.Outcomes.Done];
    public ActivityResult Execute(ActivityContext context)
        => context.DueAfter(context.Text("duration")) is { } due
            ? ActivityResult.Wait(WaitKind.Timer, dueAt: due)
            : ActivityResult.Fault($"定时活动“{context.ActivityId}”的时长无效");
}

internal sealed class IfActivity : IWorkflowActivity
{
    public ActivityDescriptor Descriptor { get; } = new("If", "条件判断", "控制",
        [new("condition", "条件(JavaScript)", PropertyKind.Script)], "条件为真走“True”,否则走“False”");
    public IReadOnlyList<string> Outcomes(JsonObject properties) => [Activities.Outcomes.True, Activities.Outcomes.False];
    public ActivityResult Execute(ActivityContext context)
    {
        var value = context.Evaluate(context.Text("condition")!);
        var truthy = value switch
        {
            null => false,
            JsonValue v when v.TryGetValue<bool>(out var b) => b,
            JsonValue v when v.TryGetValue<double>(out var d) => d != 0 && !double.IsNaN(d),
            JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
            _ => true,
        };
        return ActivityResult.Done(truthy ? Activities.Outcomes.True : Activities.Outcomes.False, JsonValue.Create(truthy));
    }
}

internal sealed class SwitchActivity : IWorkflowActivity
{
    public ActivityDescriptor Descriptor { get; } = new("Switch", "多路分支", "控制",
        [new("value", "取值(JavaScript)", PropertyKind.Script), new("cases", "分支", PropertyKind.Names)],
        "走与取值同名的分支,没有则走“Default”");
    public IReadOnlyList<string> Outcomes(JsonObject properties) => [.. Activities.Outcomes.Names(properties, "cases"), Activities.Outcomes.Default];
    public ActivityResult Execute(ActivityContext context)
    {
        var value = context.Evaluate(context.Text("value")!);
        var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString();
        var cases = Activities.Outcomes.Names(context.Properties, "cases");
        return ActivityResult.Done(text is not null && cases.Contains(text) ? text : Activities.Outcomes.Default, value?.DeepClone());
    }
}

internal sealed class SetPropertyActivity : IWorkflowActivity
{
    public ActivityDescriptor Descriptor { get; } = new("SetProperty", "设置属性", "任务",
        [new("name", "属性名", PropertyKind.Text), new("value", "取值(JavaScript)", PropertyKind.Script)], "把表达式的值存入流程属性");
    public IReadOnlyList<string> Outcomes(JsonObject properties) => [Activities.Outcomes.Done];
    public ActivityResult Execute(ActivityContext context)
    {
        var value = context.Evaluate(context.Text("value")!);
        context.InstanceProperties[context.Text("name")!] = value?.DeepClone();
        return ActivityResult.Done(Activities.Outcomes.Done, value?.DeepClone());
    }
}

internal sealed class ForkActivity : IWorkflowActivity
{
    public ActivityDescriptor Descriptor { get; } = new("Fork", "并行分支", "控制",
        [new("race", "竞争(任一分支先继续时取消其余等待)", PropertyKind.Boolean, Required: false)],
        "“Done”的每条连线同时执行;竞争模式下先被唤醒的分支胜出");
    public IReadOnlyList<string> Outcomes(JsonObject properties) => [Activities.Outcomes.Done];
    public ActivityResult Execute(ActivityContext context) => ActivityResult.Done(Activities.Outcomes.Done);
}

/// <summary>The engine decides when a join runs (all incoming branches arrived); running it just continues.</summary>
internal sealed class JoinActivity : IWorkflowActivity
{
    public ActivityDescriptor Descriptor { get; } = new("Join", "汇合", "控制", [], "等待所有进入的分支都到达后继续");
    public IReadOnlyList<string> Outcomes(JsonObject properties) => [Activities.Outcomes.Done];
    public ActivityResult Execute(ActivityContext context) => ActivityResult.Done(Activities.Outcomes.Done);
}

internal sealed class UserTaskActivity : IWorkflowActivity
{
    public ActivityDescriptor Descriptor { get; } = new("UserTask", "人工任务", "任务",
        [new("outcomes", "按钮(结果)", PropertyKind.Names), new("assignee", "办理人/角色", PropertyKind.Text, Required: false)],
        "等待工作人员选择一个结果");
    public IReadOnlyList<string> Outcomes(JsonObject properties) => Activities.Outcomes.Names(properties, "outcomes");
    public ActivityResult Execute(ActivityContext context) => ActivityResult.Wait(WaitKind.UserTask);
}

internal sealed class FinishActivity : IWorkflowActivity
{
    public ActivityDescriptor Descriptor { get; } = new("Finish", "结束", "控制", [], "结束整个流程,其余等待一并取消");
    public IReadOnlyList<string> Outcomes(JsonObject properties) => [];
    public ActivityResult Execute(ActivityContext context) => ActivityResult.Finish();
}
