namespace ScormFunctions.Core.Telemetry;

/// <summary>
/// Log scope states: the ids an operation is about, attached to every log line inside it (and exported as attributes by
/// OpenTelemetry), so messages need not repeat them to be found.
/// </summary>
public static class LogScopes
{
    public static Dictionary<string, object?> Import(string courseId, string importId) =>
        new() { ["CourseId"] = courseId, ["ImportId"] = importId };

    public static Dictionary<string, object?> Registration(string registrationId) =>
        new() { ["RegistrationId"] = registrationId };

    public static Dictionary<string, object?> Course(string courseId) =>
        new() { ["CourseId"] = courseId };
}
