using Microsoft.AspNetCore.Http;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;

namespace ScormFunctions.Core.Courses;

/// <summary>Course reads (admin). Host-neutral: both hosts call these with the raw request.</summary>
public sealed class CourseHandlers(AccessControl access, CourseRepository courses)
{
    /// <summary>GET /api/courses — admin; paged.</summary>
    public async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        var (pageSize, token, problem) = Paging.Read(request);
        if (problem is not null) return problem;
        var page = await courses.ListAsync(pageSize, token, cancellationToken);
        return Results.Ok(new PagedResult<CourseResponse>(page.Items.Select(CourseResponse.From).ToList(), page.ContinuationToken));
    }

    /// <summary>GET /api/courses/{courseId} — admin; 404 until it exists.</summary>
    public async Task<IResult> GetAsync(HttpRequest request, string courseId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(courseId, "courseId") is { } invalid) return invalid;
        var course = await courses.GetAsync(courseId, cancellationToken);
        return course is null || course.Status == CourseStatus.Deleted
            ? Problems.NotFound($"Course '{courseId}' does not exist.")
            : Results.Ok(CourseResponse.From(course));
    }
}
