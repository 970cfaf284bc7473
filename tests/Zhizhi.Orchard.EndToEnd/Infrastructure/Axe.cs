using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Zhizhi.Orchard.EndToEnd.Infrastructure;

/// <summary>axe-core checks: a page may have no violation of impact "serious" or "critical".</summary>
public static class Axe
{
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{what} has {bad.Count} serious/critical axe violation(s):\n{Describe(bad)}");
    }

    /// <summary>
    /// WCAG contrast against white of the computed text colour of the first element matching the selector.
    /// axe leaves very short texts (one-digit figures) and text on gradients "incomplete": measure those here.
    /// </summary>
    public static Task<double> ContrastOnWhiteAsync(IPage page, string selector) => page.EvaluateAsync<double>("""
        selector => {
            const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
            const [r, g, b] = getComputedStyle(document.querySelector(selector)).color.match(/[\d.]+/g).slice(0, 3).map(Number).map(channel);
            return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
        }
        """, selector);

    private static string Describe(IEnumerable<AxeResultItem> violations)
        => string.Join("\n", violations.Select(v =>
            $"- {v.Id} [{v.Impact}] {v.Help}\n" + string.Join("\n", v.Nodes.Take(10).Select(n => $"    {n.Target}  {Checks(n)}"))));

    private static string Checks(AxeResultNode node)
        => string.Join("; ", new[] { node.Any, node.All, node.None }.Where(c => c is not null).SelectMany(c => c!).Select(c => c.Message).Distinct());
}
