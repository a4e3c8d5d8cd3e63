namespace ScormFunctions.Core.Registrations.Overrides;

/// <summary>Body of <c>PUT /api/registrations/{id}/override</c>: at least one value, and a reason.</summary>
public sealed record OverrideBody(string? Completion, string? Success, double? Score, string? Reason)
{
    public const int MaxReasonLength = 2000;

    /// <summary>The invalid fields; empty when the body is valid. Completion and success are compared lower-cased.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        var completion = Completion?.ToLowerInvariant();
        var success = Success?.ToLowerInvariant();
        if (completion is not null && !RegistrationResults.IsCompletion(completion)) errors["completion"] = ["completion must be completed, incomplete or unknown."];
        if (success is not null && !RegistrationResults.IsSuccess(success)) errors["success"] = ["success must be passed, failed or unknown."];
        if (Score is { } s && (!double.IsFinite(s) || s < 0 || s > 100)) errors["score"] = ["score must be from 0 to 100."];
        if (completion is null && success is null && Score is null) errors["override"] = ["Give at least one of completion, success and score."];
        if (string.IsNullOrWhiteSpace(Reason)) errors["reason"] = ["reason is required."];
        else if (RegistrationProblems.TooLong(Reason, "reason", MaxReasonLength) is { } longReason) errors["reason"] = [longReason];
        return errors;
    }
}

/// <summary>Optional body of <c>DELETE /api/registrations/{id}/override</c>.</summary>
public sealed record ClearOverrideBody(string? Reason);
