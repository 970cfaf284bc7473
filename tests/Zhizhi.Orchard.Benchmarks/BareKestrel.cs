namespace Zhizhi.Orchard.Benchmarks;

/// <summary>The baseline for the wrk comparison: the same bytes as a township page, from memory, no middleware.</summary>
internal static class BareKestrel
{
    public static async Task<int> RunAsync(string[] args)
    {
        var url = Arg(args, "--url") ?? throw new ArgumentException("--url is required");
        var port = int.Parse(Arg(args, "--port") ?? "5099", System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(url);
        Console.WriteLine($"bare: serving {bytes.Length} bytes of {url} on http://127.0.0.1:{port}/");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/", (HttpContext ctx) =>
        {
            ctx.Response.ContentType = "text/html; charset=utf-8";
            return ctx.Response.Body.WriteAsync(bytes).AsTask();
        });
        await app.RunAsync();
        return 0;
    }

    internal static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
