using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.WebEncoders;
using Serilog;
using Zhizhi.Orchard.Data;
using Zhizhi.Orchard.Host.Data;
using Zhizhi.Orchard.Host.Operations;
using Zhizhi.Orchard.Host.Recipes;
using Zhizhi.Orchard.Host.Tenancy;
using Zhizhi.Orchard.Host.Theming;
using Zhizhi.Orchard.Modules;
using Zhizhi.Orchard.Theming;

namespace Zhizhi.Orchard.Host;

public static class HostServices
{
    public static WebApplicationBuilder AddZhizhiHost(this WebApplicationBuilder builder, IEnumerable<IModuleManifest> modules, IEnumerable<IThemeManifest> themes)
    {
        var services = builder.Services;
        var options = builder.Configuration.GetSection("Zhizhi").Get<ZhizhiOptions>() ?? new ZhizhiOptions();
        if (!Path.IsPathRooted(options.DataPath))
            options.DataPath = Path.Combine(builder.Environment.ContentRootPath, options.DataPath);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);

        AddLogging(builder, options);
        builder.AddZhizhiForwardedHeaders();

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxInterceptor>();
        services.AddSingleton<TownshipDatabase>();
        services.AddSingleton<ITownshipDatabase>(sp => sp.GetRequiredService<TownshipDatabase>());
        services.AddSingleton<ITownshipFiles>(sp => sp.GetRequiredService<TownshipDatabase>());
        services.AddSingleton<HostDb>();
        services.AddScoped(sp => sp.GetRequiredService<HostDb>().Create());
        services.AddSingleton<TownshipCatalog>();
        services.AddSingleton<TownshipMigrator>();
        services.AddSingleton<TownshipActivator>();
        services.AddSingleton<RecipeCatalog>();
        services.AddSingleton<RecipeRunner>();
        services.AddSingleton<TownshipManager>();
        services.AddSingleton<ITownshipManager>(sp => sp.GetRequiredService<TownshipManager>());
        services.AddScoped<TownshipAccessor>();
        services.AddSingleton<ITownshipScopeFactory, TownshipScopeFactory>();
        services.AddScoped<ITownshipAccessor>(sp => sp.GetRequiredService<TownshipAccessor>());
        services.AddScoped<IWorkingCalendar, WeekendCalendar>();
        services.AddScoped(sp => sp.GetRequiredService<ITownshipAccessor>().Current);
        foreach (var theme in themes) services.AddSingleton(theme);
        services.AddSingleton<ThemeCatalog>();
        services.AddSingleton<HostTenant>();
        services.AddSingleton<Demo.DemoSeeder>();
        services.AddHostedService<HostInitializer>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());

        services.AddDataProtection().SetApplicationName("Zhizhi.Orchard").PersistKeysToDbContext<HostDbContext>();
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        // Theme and module CSS live in their Razor class libraries (_content/...): serve them in every
        // environment when running from the build output, not only in Development.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.Limits.MaxBodyBytes);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (ctx, _) => new ValueTask(ErrorResponses.WriteAsync(ctx.HttpContext, 429, "尝试次数过多,请稍后再试"));
        });
        services.AddOutputCache(o => o.AddPolicy(Http.PublicPageCache.Policy, new PublicPageCachePolicy()));
        services.AddHealthChecks().AddCheck<HostDatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddOpenApi(o => OpenApiPerTownship.Configure(o));

        var composition = ModuleComposition.Compose(services, builder.Configuration, modules);
        var mvc = services.AddRazorPages(o =>
        {
            o.Conventions.Add(new ModulePageConvention(composition.Features));
        });
        mvc.ConfigureApplicationPartManager(apm =>
        {
            var assemblies = composition.Features.Modules.Select(m => m.Assembly).Concat(themes.Select(t => t.GetType().Assembly)).Distinct();
            foreach (var assembly in assemblies)
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    if (!apm.ApplicationParts.Any(p => p.Name == part.Name && p.GetType() == part.GetType()))
                        apm.ApplicationParts.Add(part);
        });
        services.Configure<RazorViewEngineOptions>(o => o.ViewLocationExpanders.Add(new ThemeViewLocationExpander()));
        return builder;
    }

    private static void AddLogging(WebApplicationBuilder builder, ZhizhiOptions options)
    {
        // Registered per host (not a static logger), so several hosts in one test process do not clash.
        builder.Services.AddSerilog((sp, lc) => lc
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Township", "-")
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] [{Township}] {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(Path.Combine(options.DataPath, "logs", "zhizhi-.log"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 14, shared: true,
                outputTemplate: "{Timestamp:o} {Level:u3} [{Township}] {SourceContext} {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture));
    }
}
