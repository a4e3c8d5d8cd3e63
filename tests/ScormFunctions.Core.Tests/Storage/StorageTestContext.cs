using Microsoft.Extensions.DependencyInjection;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Storage;
using ScormFunctions.Testing;

namespace ScormFunctions.Core.Tests.Storage;

/// <summary>
/// The storage registration both hosts use (<see cref="StorageServiceCollectionExtensions.AddStorage"/>) on Azurite,
/// with a table prefix unique to the test class.
/// </summary>
public sealed class StorageTestContext : IAsyncLifetime
{
    private ServiceProvider? services;

    public TableProvider Tables { get; private set; } = null!;

    public BlobContainerProvider Containers { get; private set; } = null!;

    public string TablePrefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    public async ValueTask InitializeAsync()
    {
        await Azurite.EnsureStartedAsync();
        services = new ServiceCollection()
            .Configure<StorageOptions>(o =>
            {
                o.ConnectionString = Azurite.ConnectionString;
                o.TablePrefix = TablePrefix;
            })
            .AddStorage()
            .BuildServiceProvider();
        Tables = services.GetRequiredService<TableProvider>();
        Containers = services.GetRequiredService<BlobContainerProvider>();
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null) await services.DisposeAsync();
    }
}
