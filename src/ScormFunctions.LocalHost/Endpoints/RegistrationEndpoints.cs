using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Launch;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Registrations.Assign;
using ScormFunctions.Core.Registrations.Lifecycle;
using ScormFunctions.Core.Registrations.Overrides;
using ScormFunctions.Core.Registrations.Progress;
using ScormFunctions.Core.Registrations.Reports;
using ScormFunctions.Core.Registrations.Retakes;

namespace ScormFunctions.LocalHost.Endpoints;

/// <summary>Registrations, launch, exit and postbacks — the same routes the Functions shell declares.</summary>
public static class RegistrationEndpoints
{
    public static void MapRegistrationEndpoints(this IEndpointRouteBuilder api)
    {
        var r = api.MapGroup("").WithTags("Registrations");
        r.MapApi(ApiEndpoints.CreateRegistration, (HttpRequest req, AssignRegistrationHandler h, CancellationToken ct) => h.CreateAsync(req, ct))
            .AcceptsJson<CreateRegistrationBody>()
            .WithSummary("Admin: assign a course to a learner (201, or 200 when it already exists).");
        r.MapApi(ApiEndpoints.GetRegistration, (Caller caller, string registrationId, RegistrationProgressHandlers h, CancellationToken ct) => h.GetAsync(caller, registrationId, ct))
            .WithSummary("Owner or admin: reported, override and effective results.");
        r.MapApi(ApiEndpoints.GetRegistrationDetails, (Caller caller, string registrationId, RegistrationProgressHandlers h, CancellationToken ct) => h.GetDetailsAsync(caller, registrationId, ct))
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("Owner or admin: the reported activity tree and runtime data (JSON).");
        r.MapApi(ApiEndpoints.DeleteRegistration, (Caller caller, string registrationId, RegistrationLifecycleHandlers h, CancellationToken ct) => h.DeleteAsync(caller, registrationId, ct))
            .WithSummary("Admin: delete in SCORM Cloud and here.");
        r.MapApi(ApiEndpoints.ResetRegistration, (Caller caller, string registrationId, RegistrationLifecycleHandlers h, CancellationToken ct) => h.ResetAsync(caller, registrationId, ct))
            .WithSummary("Admin: clear progress in SCORM Cloud and here.");
        r.MapApi(ApiEndpoints.RefreshRegistration, (Caller caller, string registrationId, RegistrationProgressHandlers h, CancellationToken ct) => h.RefreshAsync(caller, registrationId, ct))
            .WithSummary("Owner or admin: pull results from SCORM Cloud.");
        r.MapApi(ApiEndpoints.SetRegistrationOverride, (Caller caller, HttpRequest req, string registrationId, OverrideHandlers h, CancellationToken ct) =>
                h.SetAsync(caller, req, registrationId, ct))
            .AcceptsJson<OverrideBody>()
            .WithSummary("Admin: override completion, success or score, with a reason.");
        r.MapApi(ApiEndpoints.ClearRegistrationOverride, (Caller caller, HttpRequest req, string registrationId, OverrideHandlers h, CancellationToken ct) =>
                h.ClearAsync(caller, req, registrationId, ct))
            .WithSummary("Admin: remove the override (kept in the history).");
        r.MapApi(ApiEndpoints.ListRegistrationOverrides, (HttpRequest req, string registrationId, OverrideHandlers h, CancellationToken ct) =>
                h.ListAsync(req, registrationId, ct))
            .WithSummary("Admin: override history, newest first.");
        r.MapApi(ApiEndpoints.CreateRegistrationInstance, (Caller caller, string registrationId, RetakeHandlers h, CancellationToken ct) =>
                h.CreateInstanceAsync(caller, registrationId, ct))
            .WithSummary("Admin, or the owner when Registrations:LearnerMayRetake: start a retake (a new instance).");
        r.MapApi(ApiEndpoints.ListRegistrationInstances, (Caller caller, string registrationId, RetakeHandlers h, CancellationToken ct) =>
                h.ListInstancesAsync(caller, registrationId, ct))
            .WithSummary("Owner or admin: every instance with its latest result.");
        r.MapApi(ApiEndpoints.LaunchRegistration, (Caller caller, string registrationId, LaunchIssueHandlers h, CancellationToken ct) => h.LaunchRegistrationAsync(caller, registrationId, ct))
            .WithSummary("Owner or admin: a signed single-use launch URL (2 minutes).");
        r.MapApi(ApiEndpoints.OpenLaunch, (HttpRequest req, string registrationId, LaunchOpenHandler h, CancellationToken ct) => h.OpenAsync(req, registrationId, ct))
            .Produces(StatusCodes.Status302Found)
            .WithSummary("Anonymous, signed: 302 to SCORM Cloud's player.");
        r.MapApi(ApiEndpoints.ExitRegistration, (string registrationId, LaunchExitHandler h, CancellationToken ct) => h.ExitAsync(registrationId, ct))
            .Produces(StatusCodes.Status302Found)
            .WithSummary("Anonymous: refresh results (best effort) and 302 to the return URL.");
        r.MapApi(ApiEndpoints.LaunchCourse, (Caller caller, string courseId, LaunchIssueHandlers h, CancellationToken ct) => h.LaunchCourseAsync(caller, courseId, ct))
            .WithSummary("Learner: launch a course, creating the caller's registration if needed.");
        r.MapApi(ApiEndpoints.ListCourseRegistrations, (HttpRequest req, string courseId, RegistrationReportHandlers h, CancellationToken ct) => h.ListByCourseAsync(req, courseId, ct))
            .WithSummary("Admin: a course's registrations, paged.");
        r.MapApi(ApiEndpoints.ExportCourseRegistrationsCsv, (Caller caller, string courseId, RegistrationReportHandlers h) => h.ExportCourseCsv(caller, courseId))
            .WithSummary("Admin: a course's registrations as CSV, streamed.");
        r.MapApi(ApiEndpoints.RefreshCourseRegistrations, (HttpRequest req, string courseId, RegistrationProgressHandlers h, CancellationToken ct) => h.RefreshCourseAsync(req, courseId, ct))
            .WithSummary("Admin: pull results of every registration of a course (?since=).");
        r.MapApi(ApiEndpoints.ListLearnerRegistrations, (Caller caller, HttpRequest req, string learnerId, RegistrationReportHandlers h, CancellationToken ct) =>
                h.ListByLearnerAsync(caller, req, learnerId, ct))
            .WithSummary("Admin, or the learner themself: registrations, paged.");

        api.MapApi(ApiEndpoints.ReceiveRegistrationPostback, (HttpRequest req, PostbackHandler h, CancellationToken ct) => h.ReceiveAsync(req, ct))
            .WithSummary("SCORM Cloud: registration results (per-registration credentials).").WithTags("Postbacks");
    }
}
