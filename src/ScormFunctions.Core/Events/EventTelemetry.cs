using System.Diagnostics.Metrics;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core.Events;

/// <summary>Instruments of the outbox, on the shared <see cref="ScormTelemetry.Meter"/>; tag <c>subscriber</c> is the configured name (never a URL).</summary>
public static class EventTelemetry
{
    public const string SubscriberTag = "subscriber";

    public static readonly Counter<long> Emitted = ScormTelemetry.Meter.CreateCounter<long>(
        "scorm.events.emitted", "{event}", "Result-change events written to the outbox.");

    public static readonly Counter<long> Delivered = ScormTelemetry.Meter.CreateCounter<long>(
        "scorm.events.delivered", "{event}", "Events delivered, by subscriber.");

    public static readonly Counter<long> DeliveryFailures = ScormTelemetry.Meter.CreateCounter<long>(
        "scorm.events.delivery_failures", "{attempt}", "Failed delivery attempts, by subscriber and status (HTTP code, timeout, connection error).");

    public static readonly Counter<long> Failing = ScormTelemetry.Meter.CreateCounter<long>(
        "scorm.events.failing", "{event}", "Events that reached Events:FailingAfterAttempts failures for a subscriber (still kept and retried).");
}
