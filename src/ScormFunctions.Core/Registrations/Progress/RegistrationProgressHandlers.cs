using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using ScormCloud.Client;
using ScormFunctions.Core.Courses;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;

namespace ScormFunctions.Core.Registrations.Progress;

/// <summary>
/// A registration's progress and results as the API shows them — reported, override and effective, and the stored runtime details —
/// and pulling them from SCORM Cloud on demand (the same mapping as postbacks).
/// </summary>
public sealed class RegistrationProgressHandlers(
    RegistrationAccess access,
    RegistrationRepository registrations,
    RegistrationResultsStore results,
    RegistrationRefresher refresher,
    CourseRepository courses)
{
    /// <summary>GET /api/registrations/{registrationId} — the owning learner or an admin.</summary>
    public async Task<Results<Ok<RegistrationResponse>, ProblemHttpResult>> GetAsync(Caller caller, string registrationId, CancellationToken cancellationToken)
    {
        var (registration, denied) = await access.ReadAsync(caller, registrationId, cancellationToken);
        if (denied is not null) return denied;
        return TypedResults.Ok(RegistrationResponse.From(registration!, includeOverride: caller.IsAdmin));
    }

    /// <summary>GET /api/registrations/{registrationId}/details — owner or admin; the stored activity tree and runtime data.</summary>
    public async Task<Results<FileStreamHttpResult, FileContentHttpResult, ProblemHttpResult>> GetDetailsAsync(
        Caller caller, string registrationId, CancellationToken cancellationToken)
    {
        var (registration, denied) = await access.ReadAsync(caller, registrationId, cancellationToken);
        if (denied is not null) return denied;
        var details = await results.OpenDetailsAsync(registration!, cancellationToken);
        if (details is null) return Problems.NotFound($"No activity details have been reported for registration '{registrationId}' yet.");
        if (caller.IsAdmin) return TypedResults.Stream(details, "application/json");
        // Learners get their runtime data without the answer key (interactions' correct responses).
        await using (details)
        {
            return TypedResults.Bytes(await RuntimeDetails.WithoutAnswersAsync(details, cancellationToken), "application/json");
        }
    }

    /// <summary>POST /api/registrations/{registrationId}/refresh — the owning learner or an admin.</summary>
    public async Task<Results<Ok<RegistrationResponse>, ProblemHttpResult>> RefreshAsync(Caller caller, string registrationId, CancellationToken cancellationToken)
    {
        var (registration, denied) = await access.ReadAsync(caller, registrationId, cancellationToken);
        if (denied is not null) return denied;
        if (registration!.State != RegistrationState.Active)
        {
            return Problems.Conflict($"Registration '{registrationId}' is {registration.State}; only active registrations can be refreshed.");
        }
        try
        {
            await refresher.RefreshAsync(registrationId, cancellationToken);
        }
        catch (ScormCloudException ex)
        {
            return RegistrationProblems.Cloud(ex, registrationId);
        }
        var current = await registrations.GetAsync(registrationId, cancellationToken);
        return current is null
            ? RegistrationProblems.NotFound(registrationId)
            : TypedResults.Ok(RegistrationResponse.From(current, includeOverride: caller.IsAdmin));
    }

    /// <summary>POST /api/courses/{courseId}/registrations/refresh?since= — admin; every registration SCORM Cloud has for the course.</summary>
    public async Task<Results<Ok<BulkRefreshResult>, ProblemHttpResult>> RefreshCourseAsync(HttpRequest request, string courseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Problems.InvalidId(courseId, "courseId") is { } invalid) return invalid;
        DateTimeOffset? since = null;
        var sinceText = request.Query["since"].ToString();
        if (sinceText.Length > 0)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Problems.BadRequest("since must be an ISO 8601 date and time, e.g. 2026-01-31T00:00:00Z.");
            }
            since = parsed;
        }
        var course = await courses.GetAsync(courseId, cancellationToken);
        if (course is null || course.Status == CourseStatus.Deleted) return Problems.NotFound($"Course '{courseId}' does not exist.");
        try
        {
            return TypedResults.Ok(await refresher.RefreshCourseAsync(courseId, since, cancellationToken));
        }
        catch (ScormCloudException ex)
        {
            return RegistrationProblems.Cloud(ex, null);
        }
    }
}
