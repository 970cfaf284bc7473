using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Zhizhi.Orchard.Modules;

namespace Zhizhi.Orchard.Notifications;

/// <summary>
/// One in-app notification as the shared inbox ("我的通知") shows it, whatever module keeps it.
/// <see cref="Link"/> is township-relative ("/admin/disputes/12"), or null when there is nothing to open.
/// </summary>
public sealed record InboxItem(string Source, long Id, string Title, string Text, string? Link, DateTime CreatedAtUtc, bool Read);

/// <summary>
/// A feature's in-app notifications for the shared inbox. The module keeps its own table and its own read state;
/// a source answers only for the signed-in user it is given, in the township of the current scope.
/// Only sources whose feature is enabled in the township are asked.
/// </summary>
public interface INotificationSource
{
    /// <summary>The user's newest notifications of the last <see cref="Inbox.Window"/>, newest first.</summary>
    Task<IReadOnlyList<InboxItem>> RecentAsync(ClaimsPrincipal user, bool unreadOnly, int take, DateTime sinceUtc, CancellationToken ct);

    /// <summary>How many of them the user has not read: one cheap query, it runs for the header badge on every page.</summary>
    Task<int> CountUnreadAsync(ClaimsPrincipal user, DateTime sinceUtc, CancellationToken ct);

    /// <summary>
    /// Marks the user's notifications read: those with the given ids, or all of them when <paramref name="ids"/> is null.
    /// Ids that are not the user's are ignored. Safe to run in parallel (the database decides).
    /// </summary>
    /// <returns>How many became read by this call.</returns>
    Task<int> MarkReadAsync(ClaimsPrincipal user, IReadOnlyCollection<long>? ids, DateTime sinceUtc, DateTime utcNow, CancellationToken ct);
}

/// <summary>
/// A registered source: <see cref="Id"/> is what the API's <c>?source=</c> names ("mediation"), <see cref="Name"/>
/// its Chinese label; <see cref="ModulePage"/> is the module's own notifications page, for those holding
/// <see cref="ModulePagePolicy"/> (null: every signed-in user).
/// </summary>
public sealed record NotificationSourceRegistration(Type SourceType, string FeatureId, string Id, string Name, string? ModulePage = null, string? ModulePagePolicy = null);

/// <summary>The signed-in user's notifications from every source enabled in the township.</summary>
public interface INotificationInbox
{
    IReadOnlyList<NotificationSourceRegistration> Sources { get; }

    /// <summary>Unread notifications over all sources; computed once per request (the header badge).</summary>
    Task<int> UnreadCountAsync(ClaimsPrincipal user, CancellationToken ct);

    Task<IReadOnlyList<InboxItem>> ListAsync(ClaimsPrincipal user, string? source, bool unreadOnly, CancellationToken ct);

    /// <summary>Marks the given (source, id) pairs read, or with <paramref name="items"/> null everything (of <paramref name="source"/>, if given).</summary>
    Task<int> MarkReadAsync(ClaimsPrincipal user, IReadOnlyCollection<(string Source, long Id)>? items, string? source, CancellationToken ct);
}

public static class Inbox
{
    /// <summary>The inbox shows and counts what arrived in this period: old notices drop out instead of piling up as unread.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    public const int MaxItems = 100;

    public static FeatureBuilder AddNotificationSource<T>(this FeatureBuilder feature, string id, string name, string? modulePage = null, string? modulePagePolicy = null)
        where T : class, INotificationSource
    {
        feature.Services.AddSingleton(new NotificationSourceRegistration(typeof(T), feature.Feature.Id, id, name, modulePage, modulePagePolicy));
        feature.Services.AddScoped<T>();
        feature.Services.TryAddSingleton<UnreadCounts>();
        return feature;
    }

    /// <summary>
    /// The names a role-addressed notice may use for this user: user name, display name and roles. Commas cannot
    /// occur inside a recipient (they separate recipients), so they are read as spaces, as the writers store them.
    /// </summary>
    public static IReadOnlyList<string> RecipientNames(ClaimsPrincipal user, bool withDisplayName)
    {
        var names = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        if (user.Identity?.Name is { } name) names.Add(name);
        if (withDisplayName && user.FindFirst(Security.ZhizhiClaims.DisplayName)?.Value is { } display) names.Add(display);
        return [.. names.Select(n => n.Replace(",", " ").Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// A filter, translated to SQL, for rows whose comma-separated <paramref name="recipients"/> list contains one of
    /// <paramref name="names"/> exactly (",a,b," contains ",a,"). Names are SQL parameters, not literals.
    /// </summary>
    public static Expression<Func<T, bool>> AddressedTo<T>(Expression<Func<T, string?>> recipients, IReadOnlyCollection<string> names)
    {
        var row = recipients.Parameters[0];
        Expression? any = null;
        foreach (var name in names)
        {
            var pattern = "," + name + ",";
            Expression<Func<string?, bool>> one = r => ("," + r + ",").Contains(pattern);
            var body = ReplacingExpressionVisitor.Replace(one.Parameters[0], recipients.Body, one.Body);
            any = any is null ? body : Expression.OrElse(any, body);
        }
        return Expression.Lambda<Func<T, bool>>(any ?? Expression.Constant(false), row);
    }

    /// <summary>The signed-in user's id (the Identity user id), or null.</summary>
    public static string? UserId(ClaimsPrincipal user)
        => user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}
