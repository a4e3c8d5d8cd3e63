using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Storage;
using ScormFunctions.Testing;

namespace ScormFunctions.Core.Tests.Storage;

/// <summary>How <see cref="StorageServiceCollectionExtensions.AddStorage"/> builds the clients (through the Azure SDK's client factory).</summary>
public sealed class StorageRegistrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheAzureSdkLogsReachILogger()
    {
        await Azurite.EnsureStartedAsync();
        var logs = new CapturingLoggerProvider();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .Configure<StorageOptions>(o =>
            {
                o.ConnectionString = Azurite.ConnectionString;
                o.TablePrefix = "t" + Guid.NewGuid().ToString("N")[..10];
            })
            .AddStorage()
            .BuildServiceProvider();

        await services.GetRequiredService<TableProvider>().GetTableAsync(TableNames.Courses, Ct);

        Assert.Contains(logs.Categories, c => c.StartsWith("Azure.Core", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutAConnectionStringTheServiceUrisAreUsed()
    {
        await using var services = new ServiceCollection()
            .Configure<StorageOptions>(o =>
            {
                o.BlobServiceUri = new Uri("https://example.blob.core.windows.net/");
                o.TableServiceUri = new Uri("https://example.table.core.windows.net/");
                o.ManagedIdentityClientId = "00000000-0000-0000-0000-000000000001";
            })
            .AddStorage()
            .BuildServiceProvider();

        var blobs = services.GetRequiredService<BlobServiceClient>();
        var tables = services.GetRequiredService<TableServiceClient>();

        Assert.Equal(new Uri("https://example.blob.core.windows.net/"), blobs.Uri);
        Assert.Equal("example", tables.AccountName);
        Assert.False(blobs.CanGenerateAccountSasUri); // a token credential, no account key
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentDictionary<string, bool> logged = new();

        public IEnumerable<string> Categories => logged.Keys;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, logged);

        public void Dispose()
        {
            // nothing to release
        }

        private sealed class Logger(string category, ConcurrentDictionary<string, bool> logged) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logged[category] = true;
        }
    }
}
