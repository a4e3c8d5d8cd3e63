namespace ScormFunctions.Core.Registrations;

/// <summary>Body of <c>POST /api/registrations</c>.</summary>
public sealed record CreateRegistrationBody(string? RegistrationId, string? CourseId, LearnerBody? Learner);

/// <summary>The learner of a new registration.</summary>
public sealed record LearnerBody(string? Id, string? FirstName, string? LastName, string? Email);

/// <summary>Body of <c>PUT /api/registrations/{id}/override</c>: at least one value, and a reason.</summary>
public sealed record OverrideBody(string? Completion, string? Success, double? Score, string? Reason);

/// <summary>Optional body of <c>DELETE /api/registrations/{id}/override</c>.</summary>
public sealed record ClearOverrideBody(string? Reason);
