using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;

namespace ScormFunctions.Core.Registrations.Reports;

/// <summary>Lists of registrations (by course, by learner) and the course CSV report.</summary>
public sealed class RegistrationReportHandlers(RegistrationRepository registrations, ILogger<RegistrationReportHandlers> logger)
{
    /// <summary>GET /api/courses/{courseId}/registrations — admin; paged.</summary>
    public async Task<Results<Ok<PagedResult<RegistrationResponse>>, ProblemHttpResult>> ListByCourseAsync(
        HttpRequest request, string courseId, CancellationToken cancellationToken)
    {
        if (Problems.InvalidId(courseId, "courseId") is { } invalid) return invalid;
        var (pageSize, token, problem) = Paging.Read(request);
        if (problem is not null) return problem;
        var page = await registrations.ListByCourseAsync(courseId, pageSize, token, cancellationToken);
        return TypedResults.Ok(ToResponse(page));
    }

    /// <summary>GET /api/learners/{learnerId}/registrations — admin, or the learner for themself; paged.</summary>
    public async Task<Results<Ok<PagedResult<RegistrationResponse>>, ProblemHttpResult>> ListByLearnerAsync(
        Caller caller, HttpRequest request, string learnerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Problems.InvalidId(learnerId, "learnerId") is { } invalid) return invalid;
        if (AccessControl.ForbidUnlessOwner(caller, learnerId) is { } forbidden) return forbidden;
        var (pageSize, token, problem) = Paging.Read(request);
        if (problem is not null) return problem;
        var page = await registrations.ListByLearnerAsync(learnerId, pageSize, token, cancellationToken);
        return TypedResults.Ok(ToResponse(page, includeOverride: caller.IsAdmin));
    }

    /// <summary>GET /api/courses/{courseId}/registrations.csv — admin; streamed page by page.</summary>
    public Results<RegistrationCsvResult, ProblemHttpResult> ExportCourseCsv(Caller caller, string courseId)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (Problems.InvalidId(courseId, "courseId") is { } invalid) return invalid;
        logger.LogInformation("CSV export of course {CourseId} by {Actor}", courseId, caller.Subject);
        return new RegistrationCsvResult(courseId, registrations);
    }

    private static PagedResult<RegistrationResponse> ToResponse(PagedResult<RegistrationEntity> page, bool includeOverride = true) =>
        new(page.Items.Where(r => r.State != RegistrationState.Deleted).Select(r => RegistrationResponse.From(r, includeOverride)).ToList(), page.ContinuationToken);
}
