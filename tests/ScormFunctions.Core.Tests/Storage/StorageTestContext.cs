using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Storage;
using ScormFunctions.Testing;

namespace ScormFunctions.Core.Tests.Storage;

/// <summary>A <see cref="TableProvider"/> on Azurite with a table prefix unique to the test class.</summary>
public sealed class StorageTestContext : IAsyncLifetime
{
    public TableProvider Tables { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Azurite.EnsureStartedAsync();
        Tables = new TableProvider(new StorageClients(Options.Create(new StorageOptions
        {
            ConnectionString = Azurite.ConnectionString,
            TablePrefix = "t" + Guid.NewGuid().ToString("N")[..10],
        })));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
