using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// One entry of a registration's override history (<c>RegistrationOverrides</c>: PK = registration id,
/// RK = inverted ticks, so a partition query lists the newest first).
/// </summary>
public sealed class RegistrationOverrideEntity : ITableEntity
{
    public const string ActionSet = "set";
    public const string ActionClear = "clear";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary><see cref="ActionSet"/> or <see cref="ActionClear"/>.</summary>
    public string Action { get; set; } = ActionSet;

    public string? Completion { get; set; }

    public string? Success { get; set; }

    public double? Score { get; set; }

    public string? Reason { get; set; }

    public string By { get; set; } = "";

    public DateTimeOffset At { get; set; }

    public static string RowKeyFor(DateTimeOffset at) => (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
}
