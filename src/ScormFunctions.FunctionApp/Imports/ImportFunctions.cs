using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using ScormFunctions.Core.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Imports;
using ScormFunctions.Core.Imports.Start;
using ScormFunctions.Core.Imports.Tracking;
using ScormFunctions.Core.Imports.Uploads;
using ScormFunctions.FunctionApp.Http;

namespace ScormFunctions.FunctionApp.Imports;

/// <summary>HTTP triggers for uploads and imports (admin, resolved by <see cref="Http.CallerAccessMiddleware"/>); the postback is checked by its signature.</summary>
public sealed class ImportFunctions(UploadHandler uploads, StartImportHandler starts, ImportTrackingHandlers tracking, IOptions<ImportOptions> options)
{
    [Function(nameof(CreateUpload))]
    public Task<IResult> CreateUpload(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.CourseUploads)] HttpRequest req,
        string courseId,
        CancellationToken cancellationToken) =>
        uploads.CreateUploadAsync(courseId, cancellationToken).AsResult();

    [Function(nameof(StartImport))]
    public Task<IResult> StartImport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.CourseImports)] HttpRequest req,
        string courseId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        starts.StartAsync(req, courseId, Tracker(client), cancellationToken).AsResult();

    [Function(nameof(GetImport))]
    public Task<IResult> GetImport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ApiRoutes.CourseImport)] HttpRequest req,
        string courseId,
        string importId,
        CancellationToken cancellationToken) =>
        tracking.GetAsync(courseId, importId, cancellationToken).AsResult();

    [Function(nameof(ReceiveImportPostback))]
    public Task<IResult> ReceiveImportPostback(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ApiRoutes.ImportPostback)] HttpRequest req,
        string importId,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        tracking.ReceivePostbackAsync(req, importId, Tracker(client), cancellationToken).AsResult();

    private DurableImportTracker Tracker(DurableTaskClient client) => new(client, options.Value.ToTrackingSettings());
}
