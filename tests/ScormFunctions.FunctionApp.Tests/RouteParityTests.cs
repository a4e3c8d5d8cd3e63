using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using ScormFunctions.Core.Imports;
using ScormFunctions.Core.Privacy;
using ScormFunctions.LocalHost;
using ScormFunctions.Testing;

namespace ScormFunctions.FunctionApp.Tests;

/// <summary>
/// The Functions app as built (the <c>functions.metadata</c> the Worker SDK generates, the file the Functions host
/// reads) against the local host's endpoint table: every HTTP function's route and methods equal exactly one local
/// endpoint and vice versa, and the orchestrators, their activities and the timers are declared.
/// </summary>
public sealed class RouteParityTests
{
    // Local-only endpoints: development tokens (never in the Functions app) and the local OpenAPI document.
    private static readonly string[] LocalOnly = ["POST dev/tokens", "GET openapi/{documentName}.json"];

    [Fact]
    public void Every_http_function_has_exactly_one_local_endpoint_and_vice_versa()
    {
        var functions = HttpFunctions();
        var local = LocalEndpoints().Except(LocalOnly).ToList();

        Assert.Equal(functions.Count, functions.Distinct().Count());
        Assert.Equal(local.Count, local.Distinct().Count());
        Assert.Equal(local.Order(StringComparer.Ordinal), functions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_orchestrator_its_activities_and_the_timers_are_declared()
    {
        var byType = Metadata().ToLookup(f => f.Type, f => f.Name);

        Assert.Equal(
            new[] { ImportOrchestration.Name, LearnerDeletionOrchestration.Name }.Order(StringComparer.Ordinal),
            byType["orchestrationTrigger"].Order(StringComparer.Ordinal));
        Assert.Equal(
            new[]
            {
                ImportActivityNames.StartJob, ImportActivityNames.PollJob, ImportActivityNames.RecordOutcome,
                LearnerDeletionActivityNames.EraseRegistrations, LearnerDeletionActivityNames.EraseScormCloudRegistrations,
                LearnerDeletionActivityNames.RequestScormCloudErasure, LearnerDeletionActivityNames.Save,
            }.Order(StringComparer.Ordinal),
            byType["activityTrigger"].Order(StringComparer.Ordinal));
        Assert.Contains("SweepRegistrations", byType["timerTrigger"]);
    }

    /// <summary>"METHOD route" for each HTTP function, the route as the host serves it under /api.</summary>
    private static List<string> HttpFunctions() =>
        [.. Metadata().Where(f => f.Type == "httpTrigger").SelectMany(f => f.Methods.Select(m => $"{m.ToUpperInvariant()} {f.Route}"))];

    private static List<string> LocalEndpoints()
    {
        var app = LocalHostApp.Build(["--environment", "Development"], b => b.Configuration["Storage:ConnectionString"] = Azurite.ConnectionString);
        return [.. ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {e.RoutePattern.RawText!["/api/".Length..].TrimEnd('/')}"))]; // routing ignores a trailing slash
    }

    private sealed record FunctionEntry(string Name, string Type, IReadOnlyList<string> Methods, string? Route);

    /// <summary>The generated functions.metadata of the Functions app built in this test's configuration.</summary>
    private static List<FunctionEntry> Metadata()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Name; // artifacts/bin/<project>/<configuration>/
        var path = Path.Combine(RepoPaths.Root, "artifacts", "bin", "ScormFunctions.FunctionApp", configuration, "functions.metadata");
        Assert.True(File.Exists(path), $"{path} is missing: the Functions app was not built.");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.EnumerateArray().Select(f =>
        {
            var trigger = f.GetProperty("bindings").EnumerateArray().First(b => b.GetProperty("direction").GetString() == "In");
            return new FunctionEntry(
                f.GetProperty("name").GetString()!,
                trigger.GetProperty("type").GetString()!,
                trigger.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(m => m.GetString()!)] : [],
                trigger.TryGetProperty("route", out var route) ? route.GetString() : null);
        })];
    }
}
