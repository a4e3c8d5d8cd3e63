using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
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

    [Fact]
    public async Task QueriesReadTheirPagesFromTheNetworkStreamAndKeepTheSdksErrors()
    {
        await Azurite.EnsureStartedAsync();
        await using var services = new ServiceCollection()
            .Configure<StorageOptions>(o =>
            {
                o.ConnectionString = Azurite.ConnectionString;
                o.TablePrefix = "t" + Guid.NewGuid().ToString("N")[..10];
            })
            .AddStorage()
            .BuildServiceProvider();
        var table = await services.GetRequiredService<TableProvider>().GetTableAsync(TableNames.Courses, Ct);
        for (var i = 0; i < 5; i++) await table.UpsertEntityAsync(new TableEntity("p", $"r{i}") { ["N"] = i }, cancellationToken: Ct);

        var pages = new List<int[]>();
        await foreach (var page in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"p"}"), maxPerPage: 2, cancellationToken: Ct).AsPages())
        {
            pages.Add([.. page.Values.Select(e => e.GetInt32("N")!.Value)]);
        }
        var missing = services.GetRequiredService<TableServiceClient>().GetTableClient("tmissing" + Guid.NewGuid().ToString("N")[..10]);
        var error = await Assert.ThrowsAsync<RequestFailedException>(async () =>
        {
            await foreach (var _ in missing.QueryAsync<TableEntity>("PartitionKey eq 'p'", maxPerPage: 10, cancellationToken: Ct)) { }
        });

        Assert.Equal([[0, 1], [2, 3], [4]], pages);
        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Theory]
    [InlineData("GET", "https://account.table.core.windows.net/Registrations()?$top=1000&$filter=PartitionKey%20eq%20'p'", false)]
    [InlineData("GET", "https://account.table.core.windows.net/Registrations()?%24filter=PartitionKey%20eq%20'p'&%24top=2", false)]
    [InlineData("GET", "https://account.table.core.windows.net/Registrations()?$filter=PartitionKey%20eq%20'p'", true)]
    [InlineData("GET", "https://account.table.core.windows.net/Registrations(PartitionKey='p',RowKey='r')", true)]
    [InlineData("POST", "https://account.table.core.windows.net/$batch", true)]
    public void OnlyPagedQueriesAreReadUnbuffered(string method, string url, bool buffered)
    {
        var pipeline = HttpPipelineBuilder.Build(new TableClientOptions());
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Parse(method);
        message.Request.Uri.Reset(new Uri(url));

        new UnbufferedQueryPolicy().OnSendingRequest(message);

        Assert.Equal(buffered, message.BufferResponse);
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
