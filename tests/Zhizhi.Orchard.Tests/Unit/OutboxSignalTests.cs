using Zhizhi.Orchard.Host.Data;

namespace Zhizhi.Orchard.Tests.Unit;

public sealed class OutboxSignalTests
{
    [Fact]
    public void ATownshipAlreadyWaitingIsNotQueuedTwice()
    {
        var signal = new OutboxSignal();

        for (var i = 0; i < 100; i++)
        {
            signal.Notify("a");
            signal.Notify("b");
        }

        Assert.Equal(2, signal.Waiting);
    }

    [Fact]
    public async Task ATownshipTakenOffTheQueueCanBeQueuedAgainAndOrderIsKept()
    {
        var signal = new OutboxSignal();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(10));
        signal.Notify("a");
        signal.Notify("b");
        var seen = new List<string>();

        await foreach (var township in signal.ReadAllAsync(cts.Token))
        {
            seen.Add(township);
            if (seen.Count == 1) signal.Notify("a");
            if (seen.Count == 3) break;
        }

        Assert.Equal(["a", "b", "a"], seen);
        Assert.Equal(0, signal.Waiting);
    }
}
