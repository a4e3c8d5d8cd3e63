using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ScormFunctions.Core;
using ScormFunctions.Core.Http;
using ScormFunctions.FunctionApp.Http;
using ScormFunctions.FunctionApp.Telemetry;

// The shell only wires the host: every behaviour is in ScormFunctions.Core, shared with the local host.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<ProblemDetailsMiddleware>();
builder.UseMiddleware<CallerAccessMiddleware>();
builder.Services.AddScormFunctionsCore(builder.Configuration);
builder.Services.AddScormProblemDetails();
builder.Services.AddFunctionsTelemetry(builder.Configuration);

builder.Build().Run();
