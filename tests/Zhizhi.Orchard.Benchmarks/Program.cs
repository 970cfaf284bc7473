namespace Zhizhi.Orchard.Benchmarks;

/// <summary>Measurements, not tests: see docs/performance.md for the commands and the figures.</summary>
public static class BenchmarkMain
{
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "scale" => await ScaleBenchmark.RunAsync(args[1..]),
        "bare" => await BareKestrel.RunAsync(args[1..]),
        "search" => SearchBenchmark.Run(args[1..]),
        "ledger" => await LedgerBenchmark.RunAsync(args[1..]),
        "booking" => await BookingBenchmark.RunAsync(args[1..]),
        "workflows" => await WorkflowBenchmark.RunAsync(args[1..]),
        "disputes" => await DisputeBenchmark.RunAsync(args[1..]),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage:
              scale [--townships 1000] [--data DIR]   1,000 townships: host start, first request to a cold township, memory per township
              bare --url URL --port PORT              serve URL's bytes from memory on a bare Kestrel endpoint (wrk baseline)
              search [--docs 100000] [--rounds 20]    普法 search: Lucene vs SQLite FTS5 (trigram), latency, docs/s, precision@5
              ledger [--entries 1000000] [--calls 500] [--data DIR]   points ledger: balance and ledger pages over HTTP
              booking [--bookings 2000] [--parallel 16]  mediation: bookings/s on distinct slots, 31 days of slots, 200 requests for one slot
              workflows [--starts 500] [--timers 100000] [--due 100] [--provider sqlite,postgres]  engine: executions/s, timer sweep, query plans
              disputes [--cases 100000] [--calls 200] [--postgres CONN] [--data DIR]  dispute case list, dashboard, stats, 10,000-row export
            """);
        return 2;
    }
}
