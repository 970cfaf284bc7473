using Zhizhi.Orchard.Host.Data;
using Zhizhi.Orchard.Host.Recipes;
using Zhizhi.Orchard.Host.Theming;
using Zhizhi.Orchard.Recipes;

namespace Zhizhi.Orchard.Host.Tenancy;

/// <summary>What a valid township request looks like; every refusal is a Chinese message keyed by field.</summary>
internal sealed partial class TownshipManager
{
    private async Task<(Township?, Recipe?, TownshipResult?)> ValidateAsync(CreateTownshipRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (TownshipNames.Check(request.Name) is { } nameError) errors["name"] = [nameError];
        if (string.IsNullOrWhiteSpace(request.DisplayName)) errors["displayName"] = ["乡镇名称不能为空"];
        else if (request.DisplayName.Length > 100) errors["displayName"] = ["乡镇名称不能超过 100 个字符"];

        var recipe = recipes.Find(request.Recipe ?? "default");
        if (recipe is null) errors["recipe"] = [$"未知的配方“{request.Recipe}”,可选:{string.Join("、", recipes.All.Select(r => r.Name))}"];

        IReadOnlySet<string>? enabled = null;
        var requested = request.Features ?? recipe?.Features;
        if (requested is not null)
        {
            var (set, featureErrors) = features.Change(features.Defaults(host: false).Where(f => features.Find(f)!.AlwaysEnabled).ToHashSet(), requested, [], host: false);
            if (featureErrors.Count > 0) errors["features"] = [.. featureErrors];
            enabled = set;
        }
        else enabled = features.Defaults(host: false);

        var hostNames = (request.HostNames ?? []).Select(NormalizeHostName).ToArray();
        var hostErrors = hostNames.Select(TownshipNames.CheckHostName).OfType<string>().ToList();
        hostErrors.AddRange(hostNames.Where(h => catalog.FindByHostName(h) is not null).Select(h => $"域名“{h}”已被其他乡镇使用"));
        if (hostErrors.Count > 0) errors["hostNames"] = [.. hostErrors];

        var theme = recipe?.Theme ?? "Default";
        if (themes.Find(theme) is null) errors["recipe"] = [$"配方使用了未知的主题“{theme}”"];

        await using (var scope = scopes.CreateTownshipScope(new Township { Name = "validation", DisplayName = "validation" }))
        {
            var adminErrors = await scope.ServiceProvider.GetRequiredService<ITownshipAdminSetup>()
                .ValidateAsync(request.AdminUserName, request.AdminPassword, scope.ServiceProvider);
            foreach (var (field, messages) in adminErrors) errors[field] = messages;
            if (recipe is not null && recipeRunner.UnknownSteps(recipe, scope.ServiceProvider).ToList() is { Count: > 0 } unknown)
                errors["recipe"] = [$"配方含有未知步骤:{string.Join("、", unknown)}"];
        }

        if (errors.Count > 0)
            return (null, null, TownshipResult.Fail(400, string.Join(";", errors.SelectMany(e => e.Value)), errors));

        var draft = new Township
        {
            Name = request.Name,
            DisplayName = request.DisplayName.Trim(),
            State = TownshipState.Initializing,
            Features = enabled!,
            Theme = theme,
            HostNames = hostNames,
            Settings = request.Settings ?? recipe!.Settings ?? new TownshipSettings(),
            CreatedAt = catalog.UtcNow,
        };
        return (draft, recipe, null);
    }

    private static Dictionary<string, string[]> SettingsErrors(TownshipSettings s)
    {
        var errors = new Dictionary<string, string[]>();
        // JSON can put null into the non-nullable settings: check for it rather than crash on it.
        if (s.PrimaryColor is null || !ColorPattern().IsMatch(s.PrimaryColor)) errors["primaryColor"] = ["主色须为 #RRGGBB 格式"];
        if (s.AccentColor is null || !ColorPattern().IsMatch(s.AccentColor)) errors["accentColor"] = ["辅色须为 #RRGGBB 格式"];
        if (s.TimeZone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone, out _)) errors["timeZone"] = ["时区无效,请填写如 Asia/Shanghai 的时区标识"];
        if (s.Slogan is { Length: > 100 }) errors["slogan"] = ["标语不能超过 100 个字符"];
        if (s.About is { Length: > 20000 }) errors["about"] = ["简介不能超过 20000 个字符"];
        if (s.Kind is not ("镇" or "乡" or "街道" or "民族乡")) errors["kind"] = ["类型须为 镇、乡、民族乡 或 街道"];
        if (s.LogoUrl is { } logo && !IsSafeLogoUrl(logo)) errors["logoUrl"] = ["标志地址须为本站路径(/ 开头)或 http(s) 地址"];
        return errors;
    }

    // A site path ("/t/media/logo.png") or an http(s) URL. On Unix "/x" and "//host/x" also parse as absolute
    // file URIs, and "//host" or "/\host" are protocol-relative links to another site in a browser.
    private static bool IsSafeLogoUrl(string logo)
        => logo.StartsWith('/')
            ? !logo.StartsWith("//", StringComparison.Ordinal) && !logo.StartsWith("/\\", StringComparison.Ordinal)
            : Uri.TryCreate(logo, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string NormalizeHostName(string? host) => (host ?? "").Trim().ToLowerInvariant();

    [System.Text.RegularExpressions.GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial System.Text.RegularExpressions.Regex ColorPattern();
}
