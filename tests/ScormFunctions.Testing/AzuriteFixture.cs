using Xunit;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace ScormFunctions.Testing;

/// <summary>
/// Assembly fixture for tests that use Azurite. Each run gets a unique name prefix so parallel test
/// runs sharing one Azurite never see each other's tables or containers.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public string Prefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    public string ConnectionString => Azurite.ConnectionString;

    public BlobServiceClient Blobs { get; } = new(Azurite.ConnectionString);

    public TableServiceClient Tables { get; } = new(Azurite.ConnectionString);

    public ValueTask InitializeAsync() => new(Azurite.EnsureStartedAsync());

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
