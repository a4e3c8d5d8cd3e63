using ScormFunctions.Core.Imports;

namespace ScormFunctions.LocalHost.Endpoints;

/// <summary>Upload URL, import start/status and the import job postback; the same routes as the Functions app.</summary>
public static class ImportEndpoints
{
    public static void MapImportEndpoints(this IEndpointRouteBuilder api)
    {
        var courses = api.MapGroup("/courses/{courseId}").WithTags("Imports");
        courses.MapPost("/uploads", (HttpRequest req, string courseId, ImportHandlers h, CancellationToken ct) => h.CreateUploadAsync(req, courseId, ct))
            .WithName("CreateUpload").WithSummary("Admin: a signed URL to upload a package (single PUT or blocks).");
        courses.MapPost("/imports", (HttpRequest req, string courseId, ImportHandlers h, IImportTracker tracker, CancellationToken ct) =>
                h.StartAsync(req, courseId, tracker, ct))
            .WithName("StartImport").WithSummary("Admin: inspect the uploaded package and import it into SCORM Cloud (202; 422 for a bad package).");
        courses.MapGet("/imports/{importId}", (HttpRequest req, string courseId, string importId, ImportHandlers h, CancellationToken ct) =>
                h.GetAsync(req, courseId, importId, ct))
            .WithName("GetImport").WithSummary("Admin: an import's status and result.");
        api.MapPost("/postbacks/imports/{importId}", (HttpRequest req, string importId, ImportHandlers h, IImportTracker tracker, CancellationToken ct) =>
                h.ReceivePostbackAsync(req, importId, tracker, ct))
            .WithName("ReceiveImportPostback").WithSummary("Anonymous, signed: SCORM Cloud's import job postback.").WithTags("Postbacks");
    }
}
