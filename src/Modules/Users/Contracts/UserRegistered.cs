namespace Zhizhi.Orchard.Users.Contracts;

/// <summary>Published after a resident registered themselves or staff created an account.</summary>
public sealed record UserRegistered(string UserId, string UserName, string DisplayName, IReadOnlyList<string> Roles, bool SelfRegistered);
