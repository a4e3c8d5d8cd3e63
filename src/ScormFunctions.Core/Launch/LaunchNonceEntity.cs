using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.Core.Launch;

/// <summary>A used launch nonce (PK = nonce); inserting it a second time fails, which makes launch URLs single use.</summary>
public sealed class LaunchNonceEntity : ITableEntity
{
    /// <summary>Logical table name (the configured prefix is added by the table provider).</summary>
    public const string TableName = "LaunchNonces";

    public const string Row = "used";

    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string RegistrationId { get; set; } = "";

    /// <summary>When the URL carrying this nonce expired; the sweep deletes rows after that.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset UsedAt { get; set; }
}
