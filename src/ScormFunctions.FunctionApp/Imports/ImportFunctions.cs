using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Imports;

namespace ScormFunctions.FunctionApp.Imports;

/// <summary>HTTP triggers for uploads and imports; authorization is done by the core (admin), the postback by its signature.</summary>
public sealed class ImportFunctions(ImportHandlers handlers, IOptions<ImportOptions> options)
{
    [Function(nameof(CreateUpload))]
    public Task<IResult> CreateUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "courses/{courseId}/uploads")] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        handlers.CreateUploadAsync(req, courseId, cancellationToken);

    [Function(nameof(StartImport))]
    public Task<IResult> StartImport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "courses/{courseId}/imports")] HttpRequest req,
        string courseId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handlers.StartAsync(req, courseId, Tracker(client), cancellationToken);

    [Function(nameof(GetImport))]
    public Task<IResult> GetImport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "courses/{courseId}/imports/{importId}")] HttpRequest req,
        string courseId,
        string importId,
        CancellationToken cancellationToken) =>
        handlers.GetAsync(req, courseId, importId, cancellationToken);

    [Function(nameof(ReceiveImportPostback))]
    public Task<IResult> ReceiveImportPostback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "postbacks/imports/{importId}")] HttpRequest req,
        string importId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        handlers.ReceivePostbackAsync(req, importId, Tracker(client), cancellationToken);

    private DurableImportTracker Tracker(DurableTaskClient client) => new(client, options.Value.ToTrackingSettings());
}
