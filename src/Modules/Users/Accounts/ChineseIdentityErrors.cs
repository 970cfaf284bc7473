using Microsoft.AspNetCore.Identity;

namespace Zhizhi.Orchard.Users.Accounts;

/// <summary>Identity's messages, in Chinese.</summary>
internal sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"用户名“{userName}”已被使用" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = $"用户名“{userName}”无效" };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"密码至少需要 {length} 位" };
    public override IdentityError PasswordRequiresDigit() => new() { Code = nameof(PasswordRequiresDigit), Description = "密码须包含数字" };
    public override IdentityError PasswordRequiresLower() => new() { Code = nameof(PasswordRequiresLower), Description = "密码须包含字母" };
    public override IdentityError PasswordRequiresUpper() => new() { Code = nameof(PasswordRequiresUpper), Description = "密码须包含大写字母" };
    public override IdentityError PasswordRequiresNonAlphanumeric() => new() { Code = nameof(PasswordRequiresNonAlphanumeric), Description = "密码须包含符号" };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"密码至少需要 {uniqueChars} 个不同字符" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "密码不正确" };
    public override IdentityError DuplicateRoleName(string role) => new() { Code = nameof(DuplicateRoleName), Description = $"角色“{role}”已存在" };
    public override IdentityError UserAlreadyInRole(string role) => new() { Code = nameof(UserAlreadyInRole), Description = $"用户已有角色“{role}”" };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "数据已被他人修改,请刷新后重试" };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "操作失败" };
}

/// <summary>Rules for account fields shared by the API, the pages and the host's admin setup.</summary>
public static class AccountRules
{
    public const int MinPasswordLength = 8;

    public static string? CheckUserName(string? userName)
    {
        if (string.IsNullOrWhiteSpace(userName)) return "用户名不能为空";
        if (userName.Length is < 2 or > 32) return "用户名须为 2-32 个字符";
        if (userName.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
            return "用户名不能包含空白或控制字符";
        if (userName.Any(c => c is '<' or '>' or '"' or '\'' or '/' or '\\')) return "用户名不能包含 < > \" ' / \\ 等字符";
        return null;
    }

    public static string? CheckPassword(string? password)
    {
        if (string.IsNullOrEmpty(password)) return "密码不能为空";
        if (password.Length < MinPasswordLength) return $"密码至少需要 {MinPasswordLength} 位";
        if (password.Length > 128) return "密码不能超过 128 位";
        if (!password.Any(char.IsDigit) || !password.Any(char.IsLetter)) return "密码须同时包含字母和数字";
        return null;
    }

    public static string? CheckPhone(string? phone)
        => string.IsNullOrEmpty(phone) || System.Text.RegularExpressions.Regex.IsMatch(phone, @"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
            ? null : "手机号格式不正确(如 13800138000)";

    public static string? CheckDisplayName(string? name)
        => string.IsNullOrWhiteSpace(name) ? "姓名不能为空" : name.Length > 50 ? "姓名不能超过 50 个字符" : null;

    /// <summary>138****8000: lists show phones masked (个人信息保护法).</summary>
    public static string Mask(string? phone)
        => string.IsNullOrEmpty(phone) ? "" : phone.Length >= 11 ? phone[..3] + "****" + phone[^4..] : new string('*', phone.Length);
}
