using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Configuration;

namespace ScormFunctions.LocalHost.Development;

/// <summary>
/// Development only, when storage is a connection string (Azurite): at start-up, makes the Blob service allow the
/// single-page-app origins of <c>App:AllowedOrigins</c> with the same CORS rule <c>infra/app/storage.bicep</c> sets in
/// Azure, so browsers can PUT package blocks straight to Blob Storage with the upload SAS.
/// </summary>
/// <remarks>
/// Idempotent, and it merges instead of replacing: one Azurite is shared by every local host and test host on the
/// machine, each with its own origin, so origins already in the rule are kept (the most recent
/// <see cref="MaxOrigins"/>) and other rules are left alone. Never fails start-up: a problem is logged.
/// </remarks>
public sealed class AzuriteCorsService(
    IOptions<StorageOptions> storage, IOptions<AppOptions> app, ILogger<AzuriteCorsService> logger) : IHostedService
{
    /// <summary>The rule of <c>infra/app/storage.bicep</c>.</summary>
    public const string AllowedMethods = "PUT,GET,HEAD,OPTIONS";
    public const string AllowedHeaders = "x-ms-*,content-*";
    public const string ExposedHeaders = "x-ms-*,content-*,etag";
    public const int MaxAgeInSeconds = 3600;

    /// <summary>Origins kept in the rule (Azure allows 64 per rule); the oldest are dropped first.</summary>
    public const int MaxOrigins = 32;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connectionString = storage.Value.ConnectionString;
        var origins = app.Value.AllowedOriginList;
        if (string.IsNullOrWhiteSpace(connectionString) || origins.Count == 0) return;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var changed = await EnsureAsync(new BlobServiceClient(connectionString), origins, timeout.Token);
            logger.LogInformation("Blob CORS: {Origins} allowed ({Action})", string.Join(", ", origins), changed ? "added" : "already there");
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException or InvalidOperationException
            or System.Net.Http.HttpRequestException or AggregateException)
        {
            logger.LogWarning(ex, "Blob CORS for {Origins} not set: browser uploads from those origins will fail", string.Join(", ", origins));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Adds <paramref name="origins"/> to the managed rule (creating it); true when the properties changed.</summary>
    public static async Task<bool> EnsureAsync(BlobServiceClient blobs, IReadOnlyCollection<string> origins, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(origins);
        var changed = false;
        // Another host may write the properties at the same moment (read-modify-write): re-read, and merge again if needed.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            BlobServiceProperties properties = await blobs.GetPropertiesAsync(cancellationToken);
            if (!Merge(properties, origins)) return changed;
            await blobs.SetPropertiesAsync(properties, cancellationToken);
            changed = true;
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 200)), cancellationToken);
        }
        throw new InvalidOperationException("The Blob service properties kept changing under us (5 attempts).");
    }

    /// <summary>Puts <paramref name="origins"/> into the managed rule of <paramref name="properties"/>; false when already there.</summary>
    public static bool Merge(BlobServiceProperties properties, IReadOnlyCollection<string> origins)
    {
        ArgumentNullException.ThrowIfNull(properties);
        ArgumentNullException.ThrowIfNull(origins);
        var rules = properties.Cors?.ToList() ?? [];
        var rule = rules.FirstOrDefault(IsManaged);
        var existing = rule is null ? [] : Split(rule.AllowedOrigins);
        if (rule is not null && origins.All(o => existing.Contains(o, StringComparer.OrdinalIgnoreCase))) return false;

        var merged = origins.Concat(existing).Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxOrigins).ToList();
        var updated = new BlobCorsRule
        {
            AllowedOrigins = string.Join(',', merged),
            AllowedMethods = AllowedMethods,
            AllowedHeaders = AllowedHeaders,
            ExposedHeaders = ExposedHeaders,
            MaxAgeInSeconds = MaxAgeInSeconds,
        };
        if (rule is null) rules.Insert(0, updated);
        else rules[rules.IndexOf(rule)] = updated;
        properties.Cors = rules;
        return true;
    }

    private static bool IsManaged(BlobCorsRule rule) =>
        Same(rule.AllowedMethods, AllowedMethods) && Same(rule.AllowedHeaders, AllowedHeaders);

    private static bool Same(string? a, string b) =>
        Split(a).Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(Split(b).Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    private static List<string> Split(string? value) =>
        [.. (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

/// <summary>Registration of <see cref="AzuriteCorsService"/>.</summary>
public static class AzuriteCorsExtensions
{
    /// <summary>Turns the service off (hosts that serve no browser, e.g. API tests, need not touch the shared rule).</summary>
    public const string EnabledKey = "Development:AzuriteBlobCors";

    /// <summary>Development only; the service itself does nothing unless storage is a connection string.</summary>
    public static WebApplicationBuilder AddAzuriteCors(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Environment.IsDevelopment() && builder.Configuration.GetValue(EnabledKey, defaultValue: true))
        {
            builder.Services.AddHostedService<AzuriteCorsService>();
        }
        return builder;
    }
}
