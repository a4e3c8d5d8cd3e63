using System.ComponentModel.DataAnnotations;

namespace ScormFunctions.LocalHost.Durable;

/// <summary>
/// Settings under <c>Durable:</c> for the local host's Durable Task Framework engine (Azure Storage provider on the
/// same storage account as our records). In Azure the same values live in host.json (<c>extensions:durableTask</c>).
/// </summary>
public sealed class LocalDurableOptions : IValidatableObject
{
    public const string SectionName = "Durable";

    /// <summary>
    /// Task hub: names the hub's tables, queues and lease container. Letters and digits, starting with a letter, at most
    /// 45 characters. Hosts sharing a hub share the work, like Functions instances. <value>Default: ScormFunctionsLocal</value>
    /// </summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "Durable:TaskHubName must be 3-45 letters and digits, starting with a letter.")]
    public string TaskHubName { get; set; } = "ScormFunctionsLocal";

    /// <summary>Control-queue partitions; fixed when the hub is created. <value>Default: 4</value></summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>Longest wait between queue polls when idle (Durable Functions' default is 30 s). <value>Default: 1 s</value></summary>
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// This worker's id for partition leases. A restarted host with the same id resumes its partitions at once; two
    /// live hosts on one hub need different ids. <value>Default: the machine name and the HTTP port</value>
    /// </summary>
    public string? WorkerId { get; set; }

    /// <summary>
    /// How long a fetched queue message stays invisible to other workers (renewed while an activity runs). A host that
    /// stops or dies leaves the messages it had fetched invisible this long; then another host (or the restarted one)
    /// picks them up. Durable Functions uses 5 minutes. <value>Default: 30 s</value>
    /// </summary>
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a partition lease holds without renewal. A host that dies without releasing its partitions keeps them
    /// this long after its last renewal; then a live host on the hub takes them over, and until then the orchestrations
    /// in those partitions wait (activities do not: any host takes them from the shared work-item queue).
    /// Durable Functions' default. <value>Default: 30 s</value>
    /// </summary>
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often this host renews its partition leases, claims expired ones and rebalances partitions with the other
    /// live hosts on the hub; shorter than <see cref="LeaseInterval"/>. <value>Default: 10 s</value>
    /// </summary>
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long one read-and-write of the hub's partition table may take before the host gives up on it and tries again.
    /// DTFx's 2 s is often exceeded by Azurite on a busy development machine, and a host whose renewals keep timing out
    /// loses its partitions; shorter than <see cref="LeaseInterval"/>. <value>Default: 10 s</value>
    /// </summary>
    public TimeSpan PartitionTableOperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Activities run at once by this host. <value>Default: 10</value></summary>
    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 10;

    /// <summary>Orchestration episodes run at once by this host. <value>Default: 10</value></summary>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 10;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LeaseAcquireInterval <= TimeSpan.Zero || LeaseAcquireInterval >= LeaseInterval)
        {
            yield return new ValidationResult(
                "Durable:LeaseAcquireInterval must be positive and shorter than Durable:LeaseInterval, or leases lapse between renewals.",
                [nameof(LeaseAcquireInterval), nameof(LeaseInterval)]);
        }
        if (PartitionTableOperationTimeout <= TimeSpan.Zero || PartitionTableOperationTimeout >= LeaseInterval)
        {
            yield return new ValidationResult(
                "Durable:PartitionTableOperationTimeout must be positive and shorter than Durable:LeaseInterval.",
                [nameof(PartitionTableOperationTimeout), nameof(LeaseInterval)]);
        }
    }
}
