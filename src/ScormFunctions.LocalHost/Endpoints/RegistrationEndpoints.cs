using ScormFunctions.Core.Launch;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Registrations.Retakes;

namespace ScormFunctions.LocalHost.Endpoints;

/// <summary>Registrations, launch, exit and postbacks — the same routes the Functions shell declares.</summary>
public static class RegistrationEndpoints
{
    public static void MapRegistrationEndpoints(this IEndpointRouteBuilder api)
    {
        var r = api.MapGroup("/registrations").WithTags("Registrations");
        r.MapPost("", (HttpRequest req, RegistrationHandlers h, CancellationToken ct) => h.CreateAsync(req, ct))
            .WithName("CreateRegistration").WithSummary("Admin: assign a course to a learner (201, or 200 when it already exists).");
        r.MapGet("/{registrationId}", (HttpRequest req, string registrationId, RegistrationHandlers h, CancellationToken ct) => h.GetAsync(req, registrationId, ct))
            .WithName("GetRegistration").WithSummary("Owner or admin: reported, override and effective results.");
        r.MapGet("/{registrationId}/details", (HttpRequest req, string registrationId, RegistrationHandlers h, CancellationToken ct) => h.GetDetailsAsync(req, registrationId, ct))
            .WithName("GetRegistrationDetails").WithSummary("Owner or admin: the reported activity tree and runtime data (JSON).");
        r.MapDelete("/{registrationId}", (HttpRequest req, string registrationId, RegistrationHandlers h, CancellationToken ct) => h.DeleteAsync(req, registrationId, ct))
            .WithName("DeleteRegistration").WithSummary("Admin: delete in SCORM Cloud and here.");
        r.MapPost("/{registrationId}/reset", (HttpRequest req, string registrationId, RegistrationHandlers h, CancellationToken ct) => h.ResetAsync(req, registrationId, ct))
            .WithName("ResetRegistration").WithSummary("Admin: clear progress in SCORM Cloud and here.");
        r.MapPost("/{registrationId}/refresh", (HttpRequest req, string registrationId, RegistrationHandlers h, CancellationToken ct) => h.RefreshAsync(req, registrationId, ct))
            .WithName("RefreshRegistration").WithSummary("Owner or admin: pull results from SCORM Cloud.");
        r.MapPut("/{registrationId}/override", (HttpRequest req, string registrationId, RegistrationHandlers h, CancellationToken ct) => h.SetOverrideAsync(req, registrationId, ct))
            .WithName("SetRegistrationOverride").WithSummary("Admin: override completion, success or score, with a reason.");
        r.MapDelete("/{registrationId}/override", (HttpRequest req, string registrationId, RegistrationHandlers h, CancellationToken ct) => h.ClearOverrideAsync(req, registrationId, ct))
            .WithName("ClearRegistrationOverride").WithSummary("Admin: remove the override (kept in the history).");
        r.MapGet("/{registrationId}/overrides", (HttpRequest req, string registrationId, RegistrationHandlers h, CancellationToken ct) => h.ListOverridesAsync(req, registrationId, ct))
            .WithName("ListRegistrationOverrides").WithSummary("Admin: override history, newest first.");
        r.MapPost("/{registrationId}/instances", (HttpRequest req, string registrationId, RetakeHandlers h, CancellationToken ct) => h.CreateInstanceAsync(req, registrationId, ct))
            .WithName("CreateRegistrationInstance").WithSummary("Admin, or the owner when Registrations:LearnerMayRetake: start a retake (a new instance).");
        r.MapGet("/{registrationId}/instances", (HttpRequest req, string registrationId, RetakeHandlers h, CancellationToken ct) => h.ListInstancesAsync(req, registrationId, ct))
            .WithName("ListRegistrationInstances").WithSummary("Owner or admin: every instance with its latest result.");
        r.MapPost("/{registrationId}/launch", (HttpRequest req, string registrationId, LaunchHandlers h, CancellationToken ct) => h.LaunchRegistrationAsync(req, registrationId, ct))
            .WithName("LaunchRegistration").WithSummary("Owner or admin: a signed single-use launch URL (2 minutes).");
        r.MapGet("/{registrationId}/launch", (HttpRequest req, string registrationId, LaunchHandlers h, CancellationToken ct) => h.OpenAsync(req, registrationId, ct))
            .WithName("OpenLaunch").WithSummary("Anonymous, signed: 302 to SCORM Cloud's player.");
        r.MapGet("/{registrationId}/exit", (HttpRequest req, string registrationId, LaunchHandlers h, CancellationToken ct) => h.ExitAsync(req, registrationId, ct))
            .WithName("ExitRegistration").WithSummary("Anonymous: refresh results (best effort) and 302 to the return URL.");

        var courses = api.MapGroup("/courses").WithTags("Registrations");
        courses.MapPost("/{courseId}/launch", (HttpRequest req, string courseId, LaunchHandlers h, CancellationToken ct) => h.LaunchCourseAsync(req, courseId, ct))
            .WithName("LaunchCourse").WithSummary("Learner: launch a course, creating the caller's registration if needed.");
        courses.MapGet("/{courseId}/registrations", (HttpRequest req, string courseId, RegistrationHandlers h, CancellationToken ct) => h.ListByCourseAsync(req, courseId, ct))
            .WithName("ListCourseRegistrations").WithSummary("Admin: a course's registrations, paged.");
        courses.MapGet("/{courseId}/registrations.csv", (HttpRequest req, string courseId, RegistrationHandlers h, CancellationToken ct) => h.ExportCourseCsvAsync(req, courseId, ct))
            .WithName("ExportCourseRegistrationsCsv").WithSummary("Admin: a course's registrations as CSV, streamed.");
        courses.MapPost("/{courseId}/registrations/refresh", (HttpRequest req, string courseId, RegistrationHandlers h, CancellationToken ct) => h.RefreshCourseAsync(req, courseId, ct))
            .WithName("RefreshCourseRegistrations").WithSummary("Admin: pull results of every registration of a course (?since=).");

        api.MapGet("/learners/{learnerId}/registrations", (HttpRequest req, string learnerId, RegistrationHandlers h, CancellationToken ct) => h.ListByLearnerAsync(req, learnerId, ct))
            .WithName("ListLearnerRegistrations").WithSummary("Admin, or the learner themself: registrations, paged.").WithTags("Registrations");

        api.MapPost("/postbacks/registrations", (HttpRequest req, PostbackHandler h, CancellationToken ct) => h.ReceiveAsync(req, ct))
            .WithName("ReceiveRegistrationPostback").WithSummary("SCORM Cloud: registration results (per-registration credentials).").WithTags("Postbacks");
    }
}
