namespace ScormCloud.Emulator.Api;

/// <summary>Error bodies as the V2 API sends them: <c>MessageSchema {"message": "…"}</c>.</summary>
public static class ApiResults
{
    public static IResult Message(int statusCode, string message) =>
        Results.Json(new { message }, ApiJson.Options, statusCode: statusCode);

    public static IResult BadRequest(string message) => Message(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string message) => Message(StatusCodes.Status404NotFound, message);

    public static IResult CourseNotFound(string courseId) => NotFound($"Could not find course [{courseId}]");

    public static IResult RegistrationNotFound(string registrationId) =>
        NotFound($"Could not find registration [{registrationId}]");

    public static IResult Json(object value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, ApiJson.Options, statusCode: statusCode);
}
