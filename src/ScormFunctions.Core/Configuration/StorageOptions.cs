using System.ComponentModel.DataAnnotations;

namespace ScormFunctions.Core.Configuration;

/// <summary>
/// Where our records and blobs live. Either <see cref="ConnectionString"/> (Azurite only) or the service URIs,
/// which are used with <c>DefaultAzureCredential</c> (the user-assigned managed identity in Azure).
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "Storage";

    /// <summary>Azurite connection string (<c>UseDevelopmentStorage=true</c>). Never an account key in Azure.</summary>
    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty for the default credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Container for uploaded course packages. <value>Default: uploads</value></summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Storage:UploadsContainer must be a valid blob container name.")]
    public string UploadsContainer { get; set; } = "uploads";

    /// <summary>Container for the raw postback archive. <value>Default: postbacks</value></summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", ErrorMessage = "Storage:ArchiveContainer must be a valid blob container name.")]
    public string ArchiveContainer { get; set; } = "postbacks";

    /// <summary>Prefix for our table names (letters and digits); lets tests and environments share an account.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{0,19}$|^$", ErrorMessage = "Storage:TablePrefix must be letters and digits, starting with a letter.")]
    public string TablePrefix { get; set; } = "";

    /// <summary>True for Azurite (a connection string); false for the service URIs with a managed identity.</summary>
    public bool UsesConnectionString => !string.IsNullOrWhiteSpace(ConnectionString);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && (BlobServiceUri is null || TableServiceUri is null))
        {
            yield return new ValidationResult(
                "Storage is not configured: set Storage:ConnectionString (Azurite) or both Storage:BlobServiceUri and Storage:TableServiceUri (managed identity).",
                [nameof(ConnectionString), nameof(BlobServiceUri), nameof(TableServiceUri)]);
        }
    }
}
