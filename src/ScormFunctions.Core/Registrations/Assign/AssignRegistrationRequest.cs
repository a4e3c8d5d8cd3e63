using ScormFunctions.Core.Http;

namespace ScormFunctions.Core.Registrations.Assign;

/// <summary>Body of <c>POST /api/registrations</c>.</summary>
public sealed record CreateRegistrationBody(string? RegistrationId, string? CourseId, LearnerBody? Learner)
{
    private const int MaxNameLength = 200;
    private const int MaxEmailLength = 320;

    /// <summary>The invalid fields, named as in the JSON (<c>learner.id</c>); empty when the body is valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        void Check(string key, string? message)
        {
            if (message is not null) errors[key] = [message];
        }
        Check("courseId", ResourceId.Validate(CourseId, "courseId"));
        Check("learner.id", Learner is null ? "learner is required." : ResourceId.Validate(Learner.Id, "learner.id"));
        if (RegistrationId is not null) Check("registrationId", ResourceId.Validate(RegistrationId, "registrationId"));
        Check("learner.firstName", RegistrationProblems.TooLong(Learner?.FirstName, "learner.firstName", MaxNameLength));
        Check("learner.lastName", RegistrationProblems.TooLong(Learner?.LastName, "learner.lastName", MaxNameLength));
        Check("learner.email", RegistrationProblems.TooLong(Learner?.Email, "learner.email", MaxEmailLength));
        return errors;
    }
}

/// <summary>The learner of a new registration.</summary>
public sealed record LearnerBody(string? Id, string? FirstName, string? LastName, string? Email);
