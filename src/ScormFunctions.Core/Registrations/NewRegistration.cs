namespace ScormFunctions.Core.Registrations;

/// <summary>What an assignment (or a learner's first launch) asks for; already validated.</summary>
public sealed record NewRegistration(
    string RegistrationId, string CourseId, string LearnerId, string? FirstName, string? LastName, string? Email);
