using Azure.Identity;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ScormFunctions.Core;
using ScormFunctions.FunctionApp.Http;

// The shell only wires the host: every behaviour is in ScormFunctions.Core, shared with the local host.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemDetailsMiddleware>();
builder.Services.AddScormFunctionsCore(builder.Configuration);
builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();

// Application Insights has local auth disabled: the worker's telemetry authenticates with the managed identity.
if (builder.Configuration["Storage:ManagedIdentityClientId"] is { Length: > 0 } clientId)
{
    builder.Services.Configure<TelemetryConfiguration>(telemetry =>
        telemetry.SetAzureTokenCredential(new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))));
}

builder.Build().Run();
