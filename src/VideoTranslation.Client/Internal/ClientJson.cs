using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoTranslation.Client.Internal;

/// <summary>The wire format: snake_case names, statuses as lowercase strings, unknown statuses tolerated.</summary>
internal static class ClientJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new TolerantStatusConverter() },
    };

    /// <summary>A newer server may add statuses; reading one must not break an older client.</summary>
    private sealed class TolerantStatusConverter : JsonConverter<TranslationJobStatus>
    {
        public override TranslationJobStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && Enum.TryParse<TranslationJobStatus>(reader.GetString(), ignoreCase: true, out var status)
                ? status
                : TranslationJobStatus.Unknown;

        public override void Write(Utf8JsonWriter writer, TranslationJobStatus value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString().ToLowerInvariant());
    }
}
