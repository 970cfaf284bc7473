using Microsoft.Playwright;

namespace Zhizhi.Orchard.EndToEnd.Infrastructure;

/// <summary>Full-page screenshots under artifacts/screenshots/ of the repository (gitignored), for people.</summary>
public static class Screenshots
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Zhizhi.Orchard.sln"))) dir = dir.Parent;
        var root = dir?.FullName ?? Path.Combine(AppContext.BaseDirectory, "artifacts-root");
        return Path.Combine(root, "artifacts", "screenshots");
    });

    /// <summary>Removes the failure screenshots of an earlier run, so that failed/ only shows this run's.</summary>
    public static void ClearFailures()
    {
        try { Directory.Delete(Path.Combine(Folder.Value, "failed"), recursive: true); }
        catch (DirectoryNotFoundException) { }
        catch (IOException) { }
    }

    public static string Safe(string name)
    {
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        if (safe.Length <= 100) return safe;
        // Long names (theory cases) differ at the end: keep a short hash of the whole name.
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name)))[..8];
        return safe[..90] + "-" + hash.ToLowerInvariant();
    }

    public static async Task TakeAsync(IPage page, string name)
    {
        var path = Path.Combine(Folder.Value, name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
    }
}
