using Microsoft.AspNetCore.Identity;

namespace Zhizhi.Orchard.Users.Accounts;

public enum SignInOutcome { Succeeded, Invalid, Throttled, LockedOut }

/// <summary>The one password check used by the token endpoint and the sign-in page.</summary>
public sealed class PasswordCheck(UserManager<User> users, SignInManager<User> signIn, SignInThrottle throttle, ITownshipAccessor township)
{
    public async Task<(SignInOutcome Outcome, User? User)> CheckAsync(string userName, string password)
    {
        var name = township.Current.Name;
        if (throttle.IsBlocked(name, userName)) return (SignInOutcome.Throttled, null);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            throttle.Failed(name, userName);
            return (SignInOutcome.Invalid, null);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut) return (SignInOutcome.LockedOut, null);
        if (!result.Succeeded)
        {
            throttle.Failed(name, userName);
            return (SignInOutcome.Invalid, null);
        }
        throttle.Succeeded(name, userName);
        return (SignInOutcome.Succeeded, user);
    }

    public static string Message(SignInOutcome outcome) => outcome switch
    {
        SignInOutcome.Throttled => "失败次数过多,请 15 分钟后再试",
        SignInOutcome.LockedOut => "账户已被临时锁定,请稍后再试",
        _ => "用户名或密码不正确",
    };
}
