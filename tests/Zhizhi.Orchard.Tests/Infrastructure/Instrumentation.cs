using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zhizhi.Orchard.Events;
using Zhizhi.Orchard.Host;
using Zhizhi.Orchard.Host.Tenancy;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Recipes;
using Zhizhi.Orchard.Users.Contracts;
using Zhizhi.Orchard.Users.Data;

namespace Zhizhi.Orchard.Tests.Infrastructure;

/// <summary>A SQLite host with test-only services: an event handler that records, a setup step that can fail or wait, a test module.</summary>
public sealed class InstrumentedSqliteHost : SqliteHost
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        base.ConfigureSettings(builder);
        Instrumentation.ConfigureSettings(builder);
    }

    protected override void ConfigureTestServices(IServiceCollection services) => Instrumentation.AddServices(services);
}

/// <summary>The PostgreSQL twin of <see cref="InstrumentedSqliteHost"/>, in a database of its own.</summary>
public sealed class InstrumentedPostgresHost : PostgresHost
{
    protected override void ConfigureSettings(IWebHostBuilder builder)
    {
        base.ConfigureSettings(builder);
        Instrumentation.ConfigureSettings(builder);
    }

    protected override void ConfigureTestServices(IServiceCollection services) => Instrumentation.AddServices(services);
}

internal static class Instrumentation
{
    public static void ConfigureSettings(IWebHostBuilder builder)
        // The sweep is what retries failed deliveries; a short one keeps the retry test short.
        => builder.UseSetting("Zhizhi:OutboxSweep", "00:00:00.5");

    public static void AddServices(IServiceCollection services)
    {
        services.AddSingleton<EventRecorder>();
        services.AddSingleton(new EventHandlerRegistration(typeof(UserRegistered), typeof(RecordingHandler), "Users"));
        services.AddScoped<RecordingHandler>();

        services.AddSingleton<Sabotage>();
        services.AddScoped<IFeatureSetup, SabotagedSetup>();

        AddGadgetsModule(services);
        services.AddSingleton<Zhizhi.Orchard.Workflows.Contracts.IWorkflowActivity, Workflows.TestPublishActivity>();
    }

    /// <summary>
    /// The real modules have no optional feature yet, so a test module with two (one depending on the other)
    /// is composed in with them: the host is rebuilt from the same module list plus this one.
    /// </summary>
    private static void AddGadgetsModule(IServiceCollection services)
    {
        var composed = new ServiceCollection();
        ModuleComposition.Compose(composed, new ConfigurationBuilder().Build(), [.. HostModules.Modules, new GadgetsManifest()]);
        foreach (var descriptor in composed.Where(d => d.ImplementationInstance is ModuleComposition or FeatureCatalog or PermissionCatalog).ToList())
        {
            services.RemoveAll(descriptor.ServiceType);
            services.Add(descriptor);
        }
    }
}

public sealed record Delivery(string Township, UserRegistered Event, int Attempt, bool UserWasCommitted, Guid MessageId);

/// <summary>Every delivery of UserRegistered the test handler saw, in order.</summary>
public sealed class EventRecorder
{
    private readonly ConcurrentQueue<Delivery> _deliveries = new();

    public void Add(Delivery delivery) => _deliveries.Enqueue(delivery);

    public IReadOnlyList<Delivery> For(string township) => [.. _deliveries.Where(d => d.Township == township)];
}

/// <summary>Records each delivery; for user names starting with "flaky" it throws on the first attempt.</summary>
internal sealed class RecordingHandler(EventRecorder recorder, UsersDbContext db) : IEventHandler<UserRegistered>
{
    public async Task HandleAsync(UserRegistered @event, EventContext context, CancellationToken ct)
    {
        // Another context than the one that wrote the user: it sees the row only once it is committed.
        var committed = await db.Users.AsNoTracking().AnyAsync(u => u.Id == @event.UserId, ct);
        recorder.Add(new Delivery(context.Township.Name, @event, context.Attempt, committed, context.MessageId));
        if (@event.UserName.StartsWith("flaky", StringComparison.Ordinal) && context.Attempt == 1)
            throw new InvalidOperationException("test handler fails on its first attempt");
    }
}

/// <summary>Lets a test make the creation of a named township fail late, or wait half way.</summary>
public sealed class Sabotage
{
    private readonly ConcurrentDictionary<string, Plan> _plans = new(StringComparer.Ordinal);

    public sealed class Plan
    {
        public bool Fail { get; init; }
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The next creation of <paramref name="township"/> fails after its storage, tables and admin exist.</summary>
    public void FailOnce(string township) => _plans[township] = new Plan { Fail = true };

    /// <summary>The next creation of <paramref name="township"/> waits (state Initializing) until released.</summary>
    public Plan Hold(string township) => _plans[township] = new Plan();

    internal async Task RunAsync(string township)
    {
        if (!_plans.TryRemove(township, out var plan)) return;
        plan.Reached.TrySetResult();
        if (plan.Fail) throw new InvalidOperationException("测试故意让乡镇创建失败");
        await plan.Release.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }
}

internal sealed class SabotagedSetup(Sabotage sabotage) : IFeatureSetup
{
    public string FeatureId => "Portal";

    public Task OnEnabledAsync(Township township, IServiceProvider services, CancellationToken ct) => sabotage.RunAsync(township.Name);
}

internal sealed class GadgetsManifest : IModuleManifest
{
    public const string Gadgets = "TestGadgets";
    public const string Extra = "TestGadgets.Extra";

    public ModuleDescriptor Module { get; } = new("TestGadgets", "测试小工具",
    [
        new FeatureDescriptor(Gadgets, "测试小工具", typeof(GadgetsStartup), DefaultEnabled: false),
        new FeatureDescriptor(Extra, "测试小工具扩展", typeof(GadgetsExtraStartup), [Gadgets], DefaultEnabled: false),
    ]);
}

internal sealed class GadgetsStartup : FeatureStartup
{
    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/api/test/gadgets", () => TypedResults.Ok(new { gadget = "on" })).AllowAnonymous();
}

internal sealed class GadgetsExtraStartup : FeatureStartup
{
    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/api/test/gadgets/extra", () => TypedResults.Ok(new { extra = "on" })).AllowAnonymous();
}
