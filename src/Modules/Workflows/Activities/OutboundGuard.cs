using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Zhizhi.Orchard.Workflows.Activities;

/// <summary>
/// Keeps the outgoing HTTP request and the webhook of "通知" away from the township's own network (SSRF): only http(s),
/// and never a loopback, link-local (incl. the cloud metadata address 169.254.169.254), private (RFC 1918, fc00::/7),
/// unspecified, CGNAT or multicast address — unless the host is named in the host configuration's allow list
/// (<c>Workflows:HttpAllowList</c>, host names or literal addresses, comma separated or as an array). The activity checks
/// the address when it runs (so the instance faults and can be retried); the HTTP client checks the resolved addresses
/// again when it connects (<see cref="ConnectAsync"/>), so a name that resolves differently later (DNS rebinding) is refused too.
/// </summary>
public sealed class OutboundGuard
{
    public const string ConfigurationKey = "Workflows:HttpAllowList";
    public const string Refused = "目标地址为内网地址,已拒绝";

    private readonly HashSet<string> _allowed;

    public OutboundGuard(IEnumerable<string> allowedHosts)
        => _allowed = new(allowedHosts.Select(Normalize).Where(h => h.Length > 0), StringComparer.OrdinalIgnoreCase);

    /// <summary>No host allowed beyond the public internet.</summary>
    public static OutboundGuard None { get; } = new([]);

    public static OutboundGuard From(IConfiguration configuration)
    {
        var section = configuration.GetSection(ConfigurationKey);
        var hosts = section.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        if (section.Value is { } list) hosts.AddRange(list.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new OutboundGuard(hosts);
    }

    private static string Normalize(string host) => host.Trim().Trim('[', ']').TrimEnd('.');

    public bool IsAllowedHost(string host) => _allowed.Contains(Normalize(host));

    /// <summary>True for every address an outgoing request must not reach.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None))
            return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,                              // "this network", RFC 1918, loopback
                100 => b[1] >= 64 && b[1] <= 127,                    // carrier-grade NAT 100.64.0.0/10
                169 => b[1] == 254,                                  // link-local, incl. metadata 169.254.169.254
                172 => b[1] >= 16 && b[1] <= 31,                     // RFC 1918
                192 => b[1] == 168 || (b[1] == 0 && b[2] == 0),      // RFC 1918, IETF protocol assignments
                >= 224 => true,                                      // multicast, reserved, broadcast
                _ => false,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC                             // unique local fc00::/7
                || (b[0] == 0x20 && b[1] == 0x02 && IsForbidden(new IPAddress(b[2..6]))) // 6to4 wrapping a forbidden IPv4
                || (b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && IsForbidden(new IPAddress(b[12..16]))); // NAT64
        }
        return true;
    }

    /// <summary>
    /// Checks an address when the activity runs: null when it may be used, otherwise the Chinese reason. Without a
    /// DNS lookup (a step, a dry run included, must not block on the network or let a designer probe internal names):
    /// the scheme, a literal address and the loopback names <c>localhost</c>/<c>*.localhost</c> are decided here, every
    /// other name by the addresses it resolves to when the client connects (<see cref="ConnectAsync"/>).
    /// </summary>
    public string? Check(Uri uri)
    {
        if (uri.Scheme is not ("http" or "https")) return "只允许 http 或 https 地址";
        var host = Normalize(uri.IdnHost);
        if (IsAllowedHost(host)) return null;
        if (IPAddress.TryParse(host, out var literal)) return IsForbidden(literal) ? Refused : null;
        if (host.Length == 0) return "地址缺少主机名";
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ? Refused : null;
    }

    /// <summary>
    /// The save-time check of a (Liquid) address template: what can be told before rendering. A scheme written out must
    /// be http(s), and a literal IP address written out must not be forbidden. Returns the Chinese reason, or null.
    /// </summary>
    public string? CheckTemplate(string template)
    {
        var text = template.Trim();
        var liquid = text.IndexOf("{{", StringComparison.Ordinal) is var a and >= 0 ? a : int.MaxValue;
        var tag = text.IndexOf("{%", StringComparison.Ordinal) is var t and >= 0 ? t : int.MaxValue;
        var literalPart = text[..Math.Min(text.Length, Math.Min(liquid, tag))];
        var colon = literalPart.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return literalPart.Length == text.Length ? "不是绝对的 http(s) 地址" : null; // the address starts with Liquid
        var scheme = literalPart[..colon].ToLowerInvariant();
        if (scheme is not ("http" or "https")) return "只允许 http 或 https 地址";
        if (!literalPart[(colon + 1)..].StartsWith("//", StringComparison.Ordinal)) return "不是绝对的 http(s) 地址";
        var authority = literalPart[(colon + 3)..];
        var end = authority.IndexOfAny(['/', '?', '#']);
        if (end < 0) { if (literalPart.Length < text.Length) return null; end = authority.Length; } // the host continues in Liquid
        authority = authority[..end];
        var at = authority.LastIndexOf('@');
        if (at >= 0) authority = authority[(at + 1)..];
        string host;
        if (authority.StartsWith('[')) host = authority.IndexOf(']') is var close and > 0 ? authority[1..close] : authority;
        else host = authority.LastIndexOf(':') is var port and >= 0 ? authority[..port] : authority;
        if (host.Length == 0) return "地址缺少主机名";
        if (IsAllowedHost(host)) return null;
        return IPAddress.TryParse(host, out var ip) && IsForbidden(ip) ? Refused : null;
    }

    /// <summary>
    /// <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host, refuses when any resolved address is forbidden
    /// (unless the host is allowed), and connects to the checked addresses only, so the check and the connection see the same answer.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        IPAddress[] addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!IsAllowedHost(host) && (addresses.Length == 0 || addresses.Any(IsForbidden)))
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"{Refused}:{host}");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
