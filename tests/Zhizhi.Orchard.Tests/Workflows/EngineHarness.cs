using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Zhizhi.Orchard.Workflows.Activities;
using Zhizhi.Orchard.Workflows.Contracts;
using Zhizhi.Orchard.Workflows.Data;
using Zhizhi.Orchard.Workflows.Definitions;
using Zhizhi.Orchard.Workflows.Engine;
using Zhizhi.Orchard.Workflows.Instances;

namespace Zhizhi.Orchard.Tests.Workflows;

/// <summary>The engine over an in-memory SQLite database with the module's migrations and a fake clock.</summary>
internal sealed class EngineHarness : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly DbContextOptions<WorkflowsDbContext> _options;
    private readonly Township _township = new() { Name = "unit", DisplayName = "单元测试镇" };

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    public ActivityRegistry Registry { get; }
    public TimerSignal Signal { get; } = new();

    /// <summary>Weekends off unless a test swaps in another calendar.</summary>
    public IWorkingCalendar Calendar { get; set; }

    private sealed class FixedTownship(Township township) : ITownshipAccessor
    {
        public Township Current => township;
    }

    public EngineHarness(params IWorkflowActivity[] extra)
    {
        Registry = new ActivityRegistry([.. ActivityRegistry.BuiltIn(), .. extra]);
        Calendar = new WeekendCalendar(new FixedTownship(_township));
        _connection.Open();
        _options = new DbContextOptionsBuilder<WorkflowsDbContext>().UseSqlite(_connection).Options;
        using var db = NewDb();
        db.Database.Migrate();
    }

    public WorkflowsDbContext NewDb() => new WorkflowsSqliteDbContext(_options);

    public async Task<T> WithEngine<T>(Func<WorkflowEngine, Task<T>> action)
    {
        await using var db = NewDb();
        return await action(new WorkflowEngine(db, Registry, Clock, Signal, _township, Calendar));
    }

    public async Task<int> ImportAsync(object definition)
    {
        var document = JsonSerializer.Deserialize<DefinitionDocument>(JsonSerializer.Serialize(definition), DefinitionDocument.JsonOptions)!;
        return await ImportAsync(document);
    }

    public async Task<int> ImportAsync(DefinitionDocument document)
    {
        await using var db = NewDb();
        var import = new ImportDefinition(db, Registry, Clock);
        var v = import.Validate(document);
        Assert.True(v.IsValid, string.Join(";", v.Errors.SelectMany(e => e.Value)));
        return (await import.ExecuteAsync(document, "test", TestContext.Current.CancellationToken)).Version;
    }

    public Task<WorkflowInstance> StartAsync(string id, object? input = null, string? correlationId = null)
        => WithEngine(async e => (await e.StartAsync(id, input is null ? null : JsonSerializer.SerializeToNode(input), correlationId, TestContext.Current.CancellationToken))!);

    public async Task<WorkflowInstance> GetAsync(string id)
    {
        await using var db = NewDb();
        return await db.Instances.AsNoTracking().SingleAsync(i => i.Id == id, TestContext.Current.CancellationToken);
    }

    public async Task<int> TimerCountAsync()
    {
        await using var db = NewDb();
        return await db.Timers.CountAsync(TestContext.Current.CancellationToken);
    }

    public static JsonObject Properties(WorkflowInstance i) => JsonNode.Parse(i.Properties)!.AsObject();

    public static string[] Path(WorkflowInstance i) => [.. JsonNode.Parse(i.Path)!.AsArray().Select(p => p!["activityId"]!.GetValue<string>())];

    public void Dispose() => _connection.Dispose();

    /// <summary>Builds a definition from terse activity and transition lists.</summary>
    public static object Definition(string id, object[] activities, string[][] transitions, string start = "start")
        => new
        {
            id, name = "测试流程 " + id, enabled = true,
            activities,
            transitions = transitions.Select(t => new { from = t[0], outcome = t[1], to = t[2] }).ToArray(),
            startActivities = new[] { start },
        };

    public static object A(string id, string type, object? properties = null) => new { id, type, properties };
}
