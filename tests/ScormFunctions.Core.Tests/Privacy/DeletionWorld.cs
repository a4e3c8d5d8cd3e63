using System.Collections.Concurrent;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Durable;
using ScormFunctions.Core.Events;
using ScormFunctions.Core.Launch;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Core.Privacy;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;
using ScormFunctions.Testing;

namespace ScormFunctions.Core.Tests.Privacy;

/// <summary>
/// The core's services on Azurite (a table prefix and containers of their own) against an in-process SCORM Cloud
/// emulator, with the learner deletion workflow on the in-process Durable engine, and helpers that give a learner
/// something of every kind we hold and count what is left.
/// </summary>
internal sealed class DeletionWorld : IAsyncDisposable
{
    public const string Package = "synthetic_scorm12_minimal_autopass.zip";
    public const string RequesterEmail = "owner@example.org";

    private DeletionWorld(EmulatorServer emulator, ServiceProvider services, DurableTaskTestHost host, CapturedLogs logs)
    {
        Emulator = emulator;
        Services = services;
        Host = host;
        Logs = logs;
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public EmulatorServer Emulator { get; }

    public ServiceProvider Services { get; }

    public DurableTaskTestHost Host { get; }

    public CapturedLogs Logs { get; }

    public TableProvider Tables => Services.GetRequiredService<TableProvider>();

    public ScormCloudClient Cloud => Services.GetRequiredService<ScormCloudClient>();

    public static async Task<DeletionWorld> StartAsync(
        IDictionary<string, string?>? settings = null, Action<IDictionary<string, string?>>? emulatorSettings = null)
    {
        await Azurite.EnsureStartedAsync();
        var emulator = await EmulatorServer.StartAsync(emulatorSettings);
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var values = LocalHostServer.IsolatedSettings(prefix);
        values["ScormCloud:BaseUrl"] = emulator.BaseUrl.AbsoluteUri;
        values["ScormCloud:AppId"] = emulator.AppId;
        values["ScormCloud:SecretKey"] = emulator.SecretKey;
        values["ScormCloud:MaxRetryAttempts"] = "1";
        values["ScormCloud:RetryBaseDelay"] = "00:00:00.010";
        values["App:PublicBaseUrl"] = "http://127.0.0.1:9";
        values["Privacy:ScormCloudRequesterEmail"] = RequesterEmail;
        values["Privacy:BatchSize"] = "2";
        values["Privacy:StepsPerGeneration"] = "3";
        values["Privacy:ActivityMaxAttempts"] = "2";
        values["Privacy:ActivityFirstRetryInterval"] = "00:00:00.050";
        values["Privacy:ActivityMaxRetryInterval"] = "00:00:00.050";
        values["Privacy:OutageBackoff"] = "00:00:00.200";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var logs = new CapturedLogs();
        var services = new ServiceCollection()
            // The Azure SDK's request logs (their URLs hold table keys, e.g. the learner index partition) filtered as both hosts do.
            .AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug).AddFilter("Azure", LogLevel.Warning).AddFilter("Azure.Core", LogLevel.Error))
            .AddScormFunctionsCore(configuration)
            .BuildServiceProvider();
        var host = await DurableTaskTestHost.StartAsync(registry => registry.AddWorkflow(LearnerDeletionWorkflow.Create(services)));
        return new DeletionWorld(emulator, services, host, logs);
    }

    public Task ImportCourseAsync(string courseId) => Cloud.ImportPackageAsync(courseId, Package, Ct);

    /// <summary>A new learner with one registration (assigned) in a new course.</summary>
    public async Task<(string Learner, string Course, string Registration)> LearnerWithRegistrationAsync()
    {
        var (learner, course, registration) = (NewId("ada"), NewId("golf"), NewId("r"));
        await ImportCourseAsync(course);
        await AssignAsync(registration, course, learner);
        return (learner, course, registration);
    }

    public static string NewId(string what) => $"{what}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A registration the way an assignment makes it (SCORM Cloud, our record, both index rows).</summary>
    public async Task AssignAsync(string registrationId, string courseId, string learnerId)
    {
        var provisioner = Services.GetRequiredService<RegistrationProvisioner>();
        var outcome = await provisioner.EnsureAsync(new NewRegistration(registrationId, courseId, learnerId, "Ada", "Lovelace", learnerId + "@example.org"), Ct);
        Assert.Equal(ProvisionStatus.Created, outcome.Status);
    }

    /// <summary>One of every kind we keep beside a registration: results with details, an archived postback, an override, a used nonce.</summary>
    public async Task GiveHistoryAsync(string registrationId, string learnerId)
    {
        var reported = new Registration
        {
            Id = registrationId,
            Updated = DateTimeOffset.UtcNow,
            RegistrationCompletion = RegistrationCompletion.Completed,
            Learner = new Learner(learnerId),
            ActivityDetails = new ActivityResult { Id = "root", Title = "Golf " + learnerId },
        };
        Assert.Equal(ResultsApplyOutcome.Applied, await Services.GetRequiredService<RegistrationResultsStore>().ApplyAsync(registrationId, reported, "test", Ct));
        await Services.GetRequiredService<PostbackArchive>().SaveAsync(registrationId, $$$"""{"id":"{{{registrationId}}}","learner":{"id":"{{{learnerId}}}"}}""", "json",
            new Dictionary<string, string> { ["registrationid"] = Uri.EscapeDataString(registrationId) }, Ct);
        await Services.GetRequiredService<RegistrationRepository>().AddOverrideHistoryAsync(new RegistrationOverrideEntity
        {
            PartitionKey = registrationId, Completion = "completed", Reason = "attended in person", By = "admin-1", At = DateTimeOffset.UtcNow,
        }, Ct);
        Assert.True(await Services.GetRequiredService<LaunchNonceStore>().TryUseAsync(Guid.NewGuid().ToString("N"), registrationId, DateTimeOffset.UtcNow.AddMinutes(2), Ct));
    }

    /// <summary>Starts a pass as the DELETE handler does, over the engine's client.</summary>
    public Task<LearnerDeletionEntity> StartPassAsync(string learnerId) =>
        Services.GetRequiredService<LearnerDeletionHandlers>().StartPassAsync(learnerId, "admin-1", new DurableOrchestrationStarter(Host.Client), Ct);

    public string InstanceId(LearnerDeletionEntity deletion) => LearnerDeletionTracking.InstanceId(deletion.PartitionKey, deletion.Pass);

    public async Task<OrchestrationMetadata> CompletionAsync(LearnerDeletionEntity deletion, int seconds = 300)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromSeconds(seconds));
        OrchestrationMetadata metadata;
        try
        {
            metadata = await Host.Client.WaitForInstanceCompletionAsync(InstanceId(deletion), getInputsAndOutputs: true, cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The pass did not end within {seconds} s. Its steps so far:\n" + string.Join("\n", Logs.Lines.Where(l => l.Contains("Learner deletion", StringComparison.Ordinal))));
            throw;
        }
        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{metadata.RuntimeStatus}: {metadata.FailureDetails?.ErrorMessage}");
        return metadata;
    }

    public async Task<LearnerDeletionEntity> RecordAsync(LearnerDeletionEntity deletion) =>
        (await Services.GetRequiredService<LearnerDeletionRepository>().GetAsync(deletion.PartitionKey, deletion.Pass, Ct))!;

    /// <summary>Everything we hold about a registration, by kind (the same kinds the pass counts).</summary>
    public Task<HeldData> HeldAsync(string registrationId, string courseId, string learnerId) =>
        HeldData.ReadAsync(
            Services.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix,
            Services.GetRequiredService<IOptions<RegistrationOptions>>().Value.ResultsContainer,
            Services.GetRequiredService<IOptions<StorageOptions>>().Value.ArchiveContainer,
            Emulator, registrationId, courseId, learnerId, Ct);

    /// <summary>The registration's result events waiting in the outbox.</summary>
    public async Task<List<OutboxEventEntity>> OutboxEventsAsync(string registrationId)
    {
        var table = await Tables.GetTableAsync(TableNames.Registrations, Ct);
        var rows = new List<OutboxEventEntity>();
        await foreach (var row in table.QueryAsync<OutboxEventEntity>(OutboxEventEntity.PartitionFilter(registrationId), cancellationToken: Ct)) rows.Add(row);
        return rows;
    }

    public async Task<bool> HasOutboxMarkerAsync(string registrationId) =>
        await (await Tables.GetTableAsync(OutboxPendingEntity.TableName, Ct)).GetOrDefaultAsync<OutboxPendingEntity>(registrationId, OutboxPendingEntity.Row, Ct) is not null;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}

/// <summary>Every log line written through the service provider's loggers, formatted, with its scopes.</summary>
internal sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new System.Text.StringBuilder($"{DateTime.UtcNow:HH:mm:ss.fff} {category}: {formatter(state, exception)} {exception}");
            owner.scopes.ForEachScope((scope, sb) => sb.Append(" | ").Append(scope is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : scope), line);
            owner.Lines.Enqueue(line.ToString());
        }
    }
}
