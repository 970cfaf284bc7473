using Microsoft.Extensions.Caching.Memory;

namespace Zhizhi.Orchard.Users.Accounts;

/// <summary>
/// Counts failed sign-ins per township and user name (whether the account exists or not), so that
/// guessing answers 429 after a few failures instead of telling which names exist.
/// Identity's lockout protects real accounts the same way and survives restarts.
/// </summary>
public sealed class SignInThrottle(IMemoryCache cache)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private sealed class Counter { public int Failures; }

    private static string Key(string township, string userName) => $"signin:{township}:{userName.ToUpperInvariant()}";

    public bool IsBlocked(string township, string userName)
        => cache.TryGetValue(Key(township, userName), out Counter? c) && c!.Failures >= MaxFailures;

    public void Failed(string township, string userName)
    {
        var counter = cache.GetOrCreate(Key(township, userName), e =>
        {
            e.AbsoluteExpirationRelativeToNow = Window;
            return new Counter();
        })!;
        Interlocked.Increment(ref counter.Failures);
    }

    public void Succeeded(string township, string userName) => cache.Remove(Key(township, userName));
}
