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
        // An IPv6 address that carries an IPv4 one reaches that IPv4 host: judge it by the address it carries.
        if (EmbeddedIPv4(address) is { } embedded)
        {
            address = embedded;
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (bytes[0] & 0xFE) == 0xFC ||
                     address.IsIPv6Teredo || // 2001::/32: its IPv4 client is hidden (XORed); nothing public needs it
                     (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8) || // 2001:db8::/32, documentation
                     (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b) || // 64:ff9b::/16 beyond the well-known /96: local NAT64
                     bytes.AsSpan(0, 15).IndexOfAnyExcept((byte)0) < 0); // ::/120 left over (unspecified-like)
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

    /// <summary>
    /// The IPv4 address an IPv6 one carries: IPv4-mapped (<c>::ffff:a.b.c.d</c>), IPv4-compatible (<c>::a.b.c.d</c>),
    /// NAT64's well-known prefix (<c>64:ff9b::a.b.c.d</c>) and 6to4 (<c>2002:AABB:CCDD::</c>); null for any other.
    /// </summary>
    public static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var prefix = bytes.AsSpan(0, 12);
        if (prefix.IndexOfAnyExcept((byte)0) < 0 && (bytes[12] | bytes[13]) != 0) // ::a.b.c.d, but not ::1 or ::
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        if (prefix.SequenceEqual((ReadOnlySpan<byte>)[0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0]))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return bytes[0] == 0x20 && bytes[1] == 0x02 ? new IPAddress(bytes.AsSpan(2, 4)) : null;
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
