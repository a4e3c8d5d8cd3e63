using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ScormCloud.Client;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.Core.Courses;

/// <summary>Course reads and delete (admin). Host-neutral: both hosts call these with the raw request.</summary>
public sealed class CourseHandlers(
    AccessControl access,
    CourseRepository courses,
    RegistrationRepository? registrations = null,
    IServiceProvider? services = null,
    TimeProvider? time = null,
    ILogger<CourseHandlers>? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger<CourseHandlers>.Instance;

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

    /// <summary>
    /// DELETE /api/courses/{courseId} — admin; 204. Deletes the course in SCORM Cloud first (404 there is fine; an
    /// outage is 503 and nothing changes here), then marks its registrations deleted, then the course. Repeating it
    /// finishes a delete that was interrupted; a course already deleted is 204 again.
    /// </summary>
    public async Task<IResult> DeleteAsync(HttpRequest request, string courseId, CancellationToken cancellationToken)
    {
        var auth = await access.RequireAdminAsync(request, cancellationToken);
        if (!auth.Allowed) return auth.Denied;
        if (Problems.InvalidId(courseId, "courseId") is { } invalid) return invalid;
        var course = await courses.GetAsync(courseId, cancellationToken);
        if (course is null) return Problems.NotFound($"Course '{courseId}' does not exist.");
        if (course.Status == CourseStatus.Deleted) return Results.NoContent();
        if (registrations is null || services is null) throw new InvalidOperationException("CourseHandlers needs the registration repository and SCORM Cloud for delete.");

        try
        {
            await services.GetRequiredService<ScormCloudClient>().DeleteCourseAsync(courseId, cancellationToken);
        }
        catch (ScormCloudException ex) when (ex.IsTransient)
        {
            log.LogWarning("Delete of course {CourseId}: SCORM Cloud unavailable ({Status}): {Message}", courseId, ex.Status, ex.Message);
            return Problems.Unavailable("SCORM Cloud could not be reached; nothing was deleted. Try again later.");
        }
        catch (ScormCloudException ex)
        {
            log.LogWarning("Delete of course {CourseId}: SCORM Cloud refused ({Status}): {Message}", courseId, ex.Status, ex.Message);
            return Problems.BadGateway($"SCORM Cloud refused to delete course '{courseId}': {ex.ServiceMessage ?? ex.Message}");
        }

        var now = (time ?? TimeProvider.System).GetUtcNow();
        var marked = 0;
        string? token = null;
        do
        {
            var page = await registrations.ListByCourseAsync(courseId, Paging.MaxPageSize, token, cancellationToken);
            foreach (var registration in page.Items.Where(r => r.State != RegistrationState.Deleted))
            {
                if (await MarkDeletedAsync(registration, now, cancellationToken)) marked++;
            }
            token = page.ContinuationToken;
        }
        while (token is not null);

        await courses.UpdateWithRetryAsync(courseId, c =>
        {
            if (c.Status == CourseStatus.Deleted) return false;
            c.Status = CourseStatus.Deleted;
            c.DeletedAt = now;
            return true;
        }, cancellationToken);
        log.LogInformation("Course {CourseId} deleted (SCORM Cloud and our record); {Registrations} registrations marked deleted", courseId, marked);
        return Results.NoContent();
    }

    private async Task<bool> MarkDeletedAsync(RegistrationEntity registration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var marked = false;
        var written = await registrations!.UpdateWithRetryAsync(registration.PartitionKey, r =>
        {
            marked = r.State != RegistrationState.Deleted;
            if (!marked) return false;
            r.State = RegistrationState.Deleted;
            r.DeletedAt = now;
            return true;
        }, cancellationToken, current: registration);
        return marked && written is not null;
    }
}
