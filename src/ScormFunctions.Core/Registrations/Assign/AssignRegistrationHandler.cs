using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using ScormFunctions.Core.Courses;
using ScormFunctions.Core.Http;

namespace ScormFunctions.Core.Registrations.Assign;

/// <summary>
/// <c>POST /api/registrations</c> — admin: assign a course to a learner through <see cref="RegistrationProvisioner"/>
/// (pending → SCORM Cloud → active; no orphan on either side). Also asked by the course launch, which assigns on first use.
/// </summary>
public sealed class AssignRegistrationHandler(CourseRepository courses, RegistrationProvisioner provisioner)
{
    /// <summary>201 when created, 200 when the same registration already exists.</summary>
    public async Task<Results<Created<RegistrationResponse>, Ok<RegistrationResponse>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateRegistrationBody>(request, cancellationToken);
        if (problem is not null) return problem;
        if (body!.Validate() is { Count: > 0 } errors) return Problems.Validation(errors);

        var learner = body.Learner!;
        var courseId = body.CourseId!;
        if (await CheckCourseAsync(courseId, cancellationToken) is { } courseProblem) return courseProblem;
        var registrationId = body.RegistrationId ?? RegistrationIds.For(courseId, learner.Id!);
        var outcome = await provisioner.EnsureAsync(
            new NewRegistration(registrationId, courseId, learner.Id!, learner.FirstName, learner.LastName, learner.Email), cancellationToken);
        return outcome.Status switch
        {
            ProvisionStatus.Created => TypedResults.Created(ApiRoutes.Path(ApiRoutes.Registration, registrationId), RegistrationResponse.From(outcome.Registration!)),
            ProvisionStatus.Existing => TypedResults.Ok(RegistrationResponse.From(outcome.Registration!)),
            _ => RegistrationProblems.Provision(outcome),
        };
    }

    /// <summary>404 unless the course is in our records; 409 unless it has been imported.</summary>
    public async Task<ProblemHttpResult?> CheckCourseAsync(string courseId, CancellationToken cancellationToken)
    {
        var course = await courses.GetAsync(courseId, cancellationToken);
        if (course is null || course.Status == CourseStatus.Deleted) return Problems.NotFound($"Course '{courseId}' does not exist.");
        if (course.Status != CourseStatus.Ready && course.Version is null)
        {
            return Problems.Conflict($"Course '{courseId}' has no imported version yet (status {course.Status}); import it first.");
        }
        return null;
    }
}
