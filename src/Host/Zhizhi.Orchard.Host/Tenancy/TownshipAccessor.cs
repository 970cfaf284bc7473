namespace Zhizhi.Orchard.Host.Tenancy;

/// <summary>Scoped: the township of this request or background job, set once by the tenancy middleware or the job.</summary>
internal sealed class TownshipAccessor : ITownshipAccessor
{
    private Township? _current;

    public Township Current => _current ?? throw new InvalidOperationException("No township has been set for this scope.");

    public bool HasValue => _current is not null;

    public void Set(Township township) => _current = township;
}

internal static class TownshipScopes
{
    /// <summary>A DI scope that works for one township, for background jobs and township creation.</summary>
    public static AsyncServiceScope CreateTownshipScope(this IServiceScopeFactory factory, Township township)
    {
        var scope = factory.CreateAsyncScope();
        ((TownshipAccessor)scope.ServiceProvider.GetRequiredService<ITownshipAccessor>()).Set(township);
        return scope;
    }
}

internal sealed class TownshipScopeFactory(IServiceScopeFactory scopes) : ITownshipScopeFactory
{
    public AsyncServiceScope CreateScope(Township township) => scopes.CreateTownshipScope(township);
}
