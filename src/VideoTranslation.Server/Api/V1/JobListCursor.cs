using System.Buffers.Text;
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
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{createdAt.ToUnixTimeMilliseconds()}:{id}")));

    public static (DateTimeOffset CreatedAt, string Id)? Decode(string cursor)
    {
        if (cursor.Length is 0 or > 400)
        {
            return null;
        }

        // TryDecodeFromChars fails only for a short buffer; characters outside the alphabet throw, so check first.
        var bytes = new byte[Base64Url.GetMaxDecodedLength(cursor.Length)];
        if (!Base64Url.IsValid(cursor) || !Base64Url.TryDecodeFromChars(cursor, bytes, out var length))
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
