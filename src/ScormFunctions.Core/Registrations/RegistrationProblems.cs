using Microsoft.AspNetCore.Http.HttpResults;
using ScormCloud.Client;
using ScormFunctions.Core.Http;

namespace ScormFunctions.Core.Registrations;

/// <summary>How SCORM Cloud's answers about a registration become problems, the same for every registration endpoint.</summary>
public static class RegistrationProblems
{
    public static ProblemHttpResult Provision(ProvisionOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Status switch
        {
            ProvisionStatus.Conflict => Problems.Conflict(outcome.Message ?? "The registration id is taken."),
            ProvisionStatus.Refused => Problems.BadGateway(outcome.Message ?? "SCORM Cloud refused the registration."),
            _ => Problems.Unavailable(outcome.Message ?? "SCORM Cloud is unavailable; try again."),
        };
    }

    public static ProblemHttpResult Cloud(ScormCloudException ex, string? registrationId)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex switch
        {
            { IsNotFound: true } when registrationId is not null =>
                Problems.BadGateway($"SCORM Cloud has no registration '{registrationId}'. An admin can delete it and assign again."),
            { IsTransient: true } => Problems.Unavailable($"SCORM Cloud did not answer ({ex.Status}); try again."),
            _ => Problems.BadGateway($"SCORM Cloud refused the request ({ex.Status}): {ex.ServiceMessage ?? "no message"}"),
        };
    }

    public static ProblemHttpResult NotFound(string registrationId) => Problems.NotFound($"Registration '{registrationId}' does not exist.");

    /// <summary>Null when <paramref name="value"/> fits in <paramref name="max"/> characters; else the message naming the field.</summary>
    public static string? TooLong(string? value, string name, int max) =>
        value is not null && value.Length > max ? $"{name} is {value.Length} characters long; the maximum is {max}." : null;
}
