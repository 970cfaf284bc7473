using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Zhizhi.Orchard.Tests.Infrastructure;

namespace Zhizhi.Orchard.Tests.Outbox;

/// <summary>
/// Events go through the outbox: delivered after the commit that made them true, retried when a handler
/// fails. Runs on the instrumented hosts, whose test handler records every UserRegistered it is given.
/// </summary>
public abstract class OutboxTests(ZhizhiHost fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected ZhizhiHost Host => fixture.EnsureAvailable();

    private EventRecorder Recorder => Host.Services.GetRequiredService<EventRecorder>();

    /// <summary>Polls until the condition holds (no fixed sleeps); fails with what was seen after the timeout.</summary>
    private async Task<IReadOnlyList<Delivery>> WaitForAsync(string township, Func<IReadOnlyList<Delivery>, bool> done)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var seen = Recorder.For(township);
            if (done(seen)) return seen;
            if (watch.Elapsed > Patience)
                Assert.Fail($"Timed out after {Patience.TotalSeconds}s; deliveries seen: {string.Join("; ", seen)}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task RegisteringAResidentDeliversUserRegisteredAfterTheCommit()
    {
        var township = await Host.CreateTownshipAsync();

        var resident = await township.RegisterResidentAsync();

        var deliveries = await WaitForAsync(township.Name, d => d.Any(x => x.Event.UserName == resident.UserName));
        var delivery = Assert.Single(deliveries, d => d.Event.UserName == resident.UserName);
        Assert.True(delivery.UserWasCommitted, "the handler ran before the user was committed");
        Assert.Equal(1, delivery.Attempt);
        Assert.True(delivery.Event.SelfRegistered);
        Assert.Equal(["Resident"], delivery.Event.Roles);
        Assert.Equal("居民" + resident.UserName, delivery.Event.DisplayName);
        Assert.False(string.IsNullOrEmpty(delivery.Event.UserId));
    }

    [Fact]
    public async Task AnAccountCreatedByStaffIsPublishedAsNotSelfRegistered()
    {
        var township = await Host.CreateTownshipAsync();

        var staff = await township.CreateUserAsync("GridWorker");

        var deliveries = await WaitForAsync(township.Name, d => d.Any(x => x.Event.UserName == staff.UserName));
        var delivery = Assert.Single(deliveries, d => d.Event.UserName == staff.UserName);
        Assert.False(delivery.Event.SelfRegistered);
        Assert.Equal(["GridWorker"], delivery.Event.Roles);
    }

    [Fact]
    public async Task ARefusedRegistrationPublishesNothing()
    {
        var township = await Host.CreateTownshipAsync();
        var resident = await township.RegisterResidentAsync();
        using var client = township.Anonymous();
        using (var duplicate = await client.PostJsonAsync("api/auth/register",
            new { userName = resident.UserName, password = "Other-Pass-2026", displayName = "冒名", phone = "13800138000" }))
            await duplicate.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var marker = await township.RegisterResidentAsync();

        // Events of one township are delivered in order: once the later one is in, the refused one would be too.
        var deliveries = await WaitForAsync(township.Name, d => d.Any(x => x.Event.UserName == marker.UserName));
        Assert.Single(deliveries, d => d.Event.UserName == resident.UserName);
        Assert.DoesNotContain(deliveries, d => d.Event.DisplayName == "冒名");
    }

    [Fact]
    public async Task AHandlerThatFailsIsRetriedAndSeesTheEventAgain()
    {
        var township = await Host.CreateTownshipAsync();

        var resident = await township.RegisterResidentAsync(Names.User("flaky"));

        var deliveries = await WaitForAsync(township.Name, d => d.Any(x => x.Event.UserName == resident.UserName && x.Attempt == 2));
        var attempts = deliveries.Where(d => d.Event.UserName == resident.UserName).ToList();
        Assert.Equal([1, 2], attempts.Select(a => a.Attempt));
        Assert.Single(attempts.Select(a => a.MessageId).Distinct());
    }

    [Fact]
    public async Task EventsOfOneTownshipAreNotDeliveredAsAnothers()
    {
        var a = await Host.CreateTownshipAsync();
        var b = await Host.CreateTownshipAsync();

        var resident = await a.RegisterResidentAsync();
        var marker = await b.RegisterResidentAsync();

        await WaitForAsync(a.Name, d => d.Any(x => x.Event.UserName == resident.UserName));
        var inB = await WaitForAsync(b.Name, d => d.Any(x => x.Event.UserName == marker.UserName));
        Assert.DoesNotContain(inB, d => d.Event.UserName == resident.UserName);
    }
}

public sealed class OutboxTests_Sqlite(InstrumentedSqliteHost host) : OutboxTests(host);

public sealed class OutboxTests_Postgres(InstrumentedPostgresHost host) : OutboxTests(host);
