using System.Globalization;
using System.Text;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// Where a page of jobs ended: the last job's creation time and id, base64url-encoded. Keyset paging, so a page
/// never repeats or skips jobs when others are created meanwhile.
/// </summary>
internal static class JobListCursor
{
    // DateTimeOffset.MaxValue in Unix milliseconds: anything larger is not a time.
    private const long MaxMilliseconds = 253_402_300_799_999;

    public static string Encode(DateTimeOffset createdAt, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{createdAt.ToUnixTimeMilliseconds()}:{id}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (DateTimeOffset CreatedAt, string Id)? Decode(string cursor)
    {
        if (cursor.Length is 0 or > 400)
        {
            return null;
        }

        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && long.TryParse(text[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= MaxMilliseconds && Domain.JobId.TryParse(text[(colon + 1)..], out _, out _)
            ? (DateTimeOffset.FromUnixTimeMilliseconds(ms), text[(colon + 1)..])
            : null;
    }
}
