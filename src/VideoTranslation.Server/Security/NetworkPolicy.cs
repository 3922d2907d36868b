using System.Net;
using System.Net.Sockets;

namespace VideoTranslation.Server.Security;

/// <summary>
/// Where the server may send requests on a client's behalf (webhooks): public internet addresses only, unless
/// configured otherwise. Loopback, private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT,
/// unique-local, multicast and unspecified addresses would let a client reach what only the server can (SSRF).
/// </summary>
public static class NetworkPolicy
{
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (bytes[0] & 0xFE) == 0xFC);
        }

        var b = address.GetAddressBytes();
        return b[0] switch
        {
            0 or 10 or 127 => false,
            100 when b[1] >= 64 && b[1] <= 127 => false, // carrier-grade NAT
            169 when b[1] == 254 => false, // link-local, cloud metadata
            172 when b[1] >= 16 && b[1] <= 31 => false,
            192 when b[1] == 168 => false,
            >= 224 => false, // multicast and reserved
            _ => true,
        };
    }

    /// <summary>Why <paramref name="url"/> names a host that is not public (a literal address or localhost); null when it may be public.</summary>
    public static string? NonPublicHost(string url)
    {
        var host = new Uri(url).Host.Trim('[', ']').TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return $"'{host}' is this server itself";
        }

        return IPAddress.TryParse(host, out var address) && !IsPublic(address) ? $"{address} is not a public internet address" : null;
    }

    /// <summary>
    /// Connects only to public addresses of the requested host, resolving it here, so a name that resolves (or is
    /// re-pointed after the URL was accepted) to a private address is refused at connection time.
    /// </summary>
    public static async ValueTask<Stream> ConnectPublicAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException(
                $"{host} resolves to no public internet address ({string.Join(", ", addresses.Select(a => a.ToString()))}); " +
                "requests to private networks are refused (Webhooks:AllowPrivateNetworks).");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
