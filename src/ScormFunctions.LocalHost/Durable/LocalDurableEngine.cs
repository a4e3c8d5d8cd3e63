using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Durable;

namespace ScormFunctions.LocalHost.Durable;

/// <summary>
/// The Durable Task Framework with the Azure Storage provider — the engine and storage layout Durable Functions uses
/// by default — running the core's orchestrations and activities (every <see cref="DurableWorkflow"/> in DI) through
/// the Durable Task SDK's shims. Several local hosts on one storage account and hub share the work through partition
/// leases, like Functions instances.
/// </summary>
public sealed class LocalDurableEngine : IHostedService, IAsyncDisposable
{
    private readonly AzureStorageOrchestrationServiceSettings settings;
    private readonly AzureStorageOrchestrationService service;
    private readonly TaskHubWorker worker;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private readonly ILogger<LocalDurableEngine> logger;
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stopping = new();
    private Task starting = Task.CompletedTask;

    public LocalDurableEngine(
        IOptions<LocalDurableOptions> options,
        IOptions<StorageOptions> storage,
        IEnumerable<DurableWorkflow> workflows,
        IConfiguration configuration,
        ILoggerFactory loggerFactory)
    {
        var o = options.Value;
        logger = loggerFactory.CreateLogger<LocalDurableEngine>();
        settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = StorageProvider(storage.Value),
            TaskHubName = o.TaskHubName,
            PartitionCount = o.PartitionCount,
            MaxQueuePollingInterval = o.MaxQueuePollingInterval,
            WorkerId = o.WorkerId ?? DefaultWorkerId(configuration),
            ControlQueueVisibilityTimeout = o.MessageVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = o.MessageVisibilityTimeout,
            // The table partition manager (DTFx's default) renews, claims and rebalances once per acquire interval.
            LeaseInterval = o.LeaseInterval,
            LeaseAcquireInterval = o.LeaseAcquireInterval,
            LeaseRenewInterval = o.LeaseAcquireInterval,
            PartitionTableOperationTimeout = o.PartitionTableOperationTimeout,
            MaxConcurrentTaskActivityWorkItems = o.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = o.MaxConcurrentOrchestrations,
            LoggerFactory = loggerFactory,
        };
        service = new AzureStorageOrchestrationService(settings);

        // One serializer on both sides: the SDK's System.Text.Json converter, which the shims read inputs with.
        Client = new TaskHubClient(service, new SdkJsonConverter(), loggerFactory);

        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions(), loggerFactory);
        worker = new TaskHubWorker(service, loggerFactory);
        foreach (var workflow in workflows)
        {
            worker.AddTaskOrchestrations(new ShimCreator<TaskOrchestration>(workflow.Name, () => shims.CreateOrchestration(workflow.Name, workflow.Orchestrator, null)));
            foreach (var activity in workflow.Activities)
            {
                var shim = shims.CreateActivity(activity.Name, activity.Activity);
                worker.AddTaskActivities(new ShimCreator<DurableTask.Core.TaskActivity>(activity.Name, () => shim));
            }
        }
    }

    /// <summary>Starts instances, raises events, reads state.</summary>
    public TaskHubClient Client { get; }

    public string TaskHubName => settings.TaskHubName;

    /// <summary>
    /// Starts in the background, retrying while storage is unreachable: the host comes up (and health reports the
    /// outage) instead of failing to start.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        starting = Task.Run(() => StartWithRetryAsync(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Completes once the hub exists and the worker runs; trackers wait on it (bounded) before their first call.</summary>
    public async Task WhenReadyAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ReadyTimeout);
        try
        {
            await ready.Task.WaitAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The Durable Task engine (hub {settings.TaskHubName}) is not running: storage is unreachable or the hub cannot be created.");
        }
    }

    private async Task StartWithRetryAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await service.CreateIfNotExistsAsync();
                await worker.StartAsync();
                ready.TrySetResult();
                logger.LogInformation("Durable Task engine started: hub {TaskHub}, worker {WorkerId}, {Partitions} partitions",
                    settings.TaskHubName, settings.WorkerId, settings.PartitionCount);
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(30, attempt * 2));
                logger.LogWarning("Durable Task engine: hub {TaskHub} not ready ({Error}); retrying in {Delay}", settings.TaskHubName, ex.Message, delay);
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A graceful stop releases the partition leases, so another host takes over at once.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        try
        {
            await starting;
        }
        catch (Exception ex)
        {
            // Stopped while still waiting for storage: nothing runs that needs stopping.
            logger.LogInformation("Durable Task engine stopped before it could start: {Error}", ex.Message);
        }
        if (ready.Task.IsCompletedSuccessfully) await worker.StopAsync(isForced: cancellationToken.IsCancellationRequested);
    }

    public ValueTask DisposeAsync()
    {
        worker.Dispose();
        stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private static StorageAccountClientProvider StorageProvider(StorageOptions storage) =>
        !string.IsNullOrWhiteSpace(storage.ConnectionString)
            ? new StorageAccountClientProvider(storage.ConnectionString)
            : new StorageAccountClientProvider(
                storage.BlobServiceUri!, storage.QueueServiceUri ?? throw new OptionsValidationException(
                    nameof(StorageOptions), typeof(StorageOptions), ["Storage:QueueServiceUri is required for the Durable engine without a connection string."]),
                storage.TableServiceUri!, new Azure.Identity.DefaultAzureCredential(new Azure.Identity.DefaultAzureCredentialOptions
                {
                    ManagedIdentityClientId = string.IsNullOrWhiteSpace(storage.ManagedIdentityClientId) ? null : storage.ManagedIdentityClientId,
                }));

    /// <summary>Machine and port: the same after a restart (partitions resume at once), distinct for two hosts side by side.</summary>
    private static string DefaultWorkerId(IConfiguration configuration)
    {
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"];
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var port = first is not null && Uri.TryCreate(first.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return $"{Environment.MachineName}-{port}";
    }

    /// <summary>DTFx's client serializes with Newtonsoft by default; the shims read with the SDK's System.Text.Json converter.</summary>
    private sealed class SdkJsonConverter : DurableTask.Core.Serializing.DataConverter
    {
        public override string? Serialize(object value) => JsonDataConverter.Default.Serialize(value);

        public override string? Serialize(object value, bool formatted) => JsonDataConverter.Default.Serialize(value);

        public override object? Deserialize(string data, Type objectType) => JsonDataConverter.Default.Deserialize(data, objectType);
    }

    /// <summary>A fresh shim per execution (orchestrations keep per-episode state).</summary>
    private sealed class ShimCreator<T> : ObjectCreator<T>
    {
        private readonly Func<T> create;

        public ShimCreator(string name, Func<T> create)
        {
            this.create = create;
            Name = name;
            Version = string.Empty;
        }

        public override T Create() => create();
    }
}
