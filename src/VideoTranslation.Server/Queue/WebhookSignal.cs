
namespace VideoTranslation.Server.Queue;

/// <summary>Wakes the webhook dispatcher when a delivery is queued, so it never polls for new ones.</summary>
public sealed class WebhookSignal : WakeSignal;
