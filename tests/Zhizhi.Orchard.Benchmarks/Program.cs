namespace Zhizhi.Orchard.Benchmarks;

/// <summary>Measurements, not tests: see docs/performance.md for the commands and the figures.</summary>
public static class BenchmarkMain
{
    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "scale" => await ScaleBenchmark.RunAsync(args[1..]),
        "bare" => await BareKestrel.RunAsync(args[1..]),
        "booking" => await BookingBenchmark.RunAsync(args[1..]),
        _ => Usage(),
    };

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage:
              scale [--townships 1000] [--data DIR]   1,000 townships: host start, first request to a cold township, memory per township
              bare --url URL --port PORT              serve URL's bytes from memory on a bare Kestrel endpoint (wrk baseline)
              booking [--bookings 2000] [--parallel 16]  mediation: bookings/s on distinct slots, 31 days of slots, 200 requests for one slot
            """);
        return 2;
    }
}
