using ScormCloud.Emulator.Postbacks;

namespace ScormCloud.Emulator.Registrations;

public sealed record LearnerSchema(string? Id, string? FirstName, string? LastName, string? Email);

/// <summary>Body of <c>POST /registrations</c>; courseId, learner.id and registrationId are required.</summary>
public sealed record CreateRegistrationSchema(
    string? CourseId,
    LearnerSchema? Learner,
    string? RegistrationId,
    string? XapiRegistrationId,
    List<string>? LearnerTags,
    List<string>? CourseTags,
    List<string>? RegistrationTags,
    PostBackSchema? PostBack);
