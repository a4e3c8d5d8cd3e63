using ScormFunctions.Core.Http;
using ScormFunctions.Core.Imports;
using ScormFunctions.Core.Imports.Start;
using ScormFunctions.Core.Imports.Tracking;
using ScormFunctions.Core.Imports.Uploads;

namespace ScormFunctions.LocalHost.Endpoints;

/// <summary>Upload URL, import start/status and the import job postback; the same routes as the Functions app.</summary>
public static class ImportEndpoints
{
    public static void MapImportEndpoints(this IEndpointRouteBuilder api)
    {
        var imports = api.MapGroup("").WithTags("Imports");
        imports.MapApi(ApiEndpoints.CreateUpload, (string courseId, UploadHandler h, CancellationToken ct) => h.CreateUploadAsync(courseId, ct))
            .Produces<UploadResponse>(StatusCodes.Status201Created)
            .WithSummary("Admin: a signed URL to upload a package (single PUT or blocks).");
        imports.MapApi(ApiEndpoints.StartImport, (HttpRequest req, string courseId, StartImportHandler h, IImportTracker tracker, CancellationToken ct) =>
                h.StartAsync(req, courseId, tracker, ct))
            .AcceptsJson<StartImportRequest>().ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Admin: inspect the uploaded package and import it into SCORM Cloud (202; 422 for a bad package).");
        imports.MapApi(ApiEndpoints.GetImport, (string courseId, string importId, ImportTrackingHandlers h, CancellationToken ct) => h.GetAsync(courseId, importId, ct))
            .Produces<ImportResponse>()
            .WithSummary("Admin: an import's status and result.");
        api.MapApi(ApiEndpoints.ReceiveImportPostback, (HttpRequest req, string importId, ImportTrackingHandlers h, IImportTracker tracker, CancellationToken ct) =>
                h.ReceivePostbackAsync(req, importId, tracker, ct))
            .WithSummary("Anonymous, signed: SCORM Cloud's import job postback.").WithTags("Postbacks");
    }
}
