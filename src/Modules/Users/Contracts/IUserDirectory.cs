namespace Zhizhi.Orchard.Users.Contracts;

public sealed record UserSummary(string UserName, string DisplayName, IReadOnlyList<string> Roles);

/// <summary>What other modules may ask about the township's accounts (e.g. whom to award points to).</summary>
public interface IUserDirectory
{
    /// <returns>The account with exactly that user name, or null when there is none.</returns>
    Task<UserSummary?> FindAsync(string userName, CancellationToken ct = default);
}
