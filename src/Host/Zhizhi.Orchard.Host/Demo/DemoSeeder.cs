using System.Text.Json;
using Zhizhi.Orchard.Host.Recipes;
using Zhizhi.Orchard.Host.Tenancy;

namespace Zhizhi.Orchard.Host.Demo;

/// <summary>
/// On an empty data folder with Zhizhi:Demo on: a rural 镇 and an urban 街道, made from the demo recipes
/// (content taken from the seed documents), through the same all-or-nothing path as any township.
/// </summary>
internal sealed class DemoSeeder(TownshipManager manager, RecipeCatalog recipes)
{
    public const string AdminUserName = "admin";
    public const string Password = "Zhizhi@2026";

    private static readonly (string Name, string DisplayName, string Recipe)[] Townships =
    [
        ("hengjie", "横街镇", "demo-rural"),
        ("xichangan", "西长安街街道", "demo-urban"),
    ];

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken ct)
    {
        var notices = new List<string>();
        foreach (var (name, displayName, recipeName) in Townships)
        {
            var result = await manager.CreateAsync(new CreateTownshipRequest(name, displayName, AdminUserName, Password, recipeName), ct);
            if (!result.Succeeded) throw new InvalidOperationException($"示范乡镇“{displayName}”创建失败:{result.Detail}");
            notices.Add($"示范乡镇 {displayName}:{{url}}/{name}/  管理员 {AdminUserName} / {Password}");
        }
        if (recipes.Find(Townships[0].Recipe) is { } recipe && DemoUsers(recipe).ToList() is { Count: > 0 } users)
            notices.Add($"两个示范乡镇都有这些账号(密码均为 {Password}):{string.Join(",", users)}");
        return notices;
    }

    private static IEnumerable<string> DemoUsers(Recipe recipe)
        => recipe.Steps.Where(s => s.TryGetProperty("name", out var n) && n.GetString() == "users")
            .SelectMany(s => s.GetProperty("users").EnumerateArray())
            .Select(u => $"{u.GetProperty("userName").GetString()}({string.Join("/", u.GetProperty("roles").EnumerateArray().Select(r => Zhizhi.Orchard.Security.BuiltInRoles.ChineseName(r.GetString()!)))})");
}
