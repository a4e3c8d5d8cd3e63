namespace ScormFunctions.Core.Http;

/// <summary>
/// Every route template of the API, relative to the <c>api</c> prefix both hosts serve under: the Functions triggers'
/// <c>Route =</c>, the local host's <c>Map*</c> calls and every URL we hand out (Location headers, signed launch and exit
/// URLs, postback URLs given to SCORM Cloud) use these, so a route is written once. Who may call each is in
/// <see cref="ApiEndpoints"/>.
/// </summary>
public static class ApiRoutes
{
    /// <summary>The prefix of every route (the Functions host's default <c>routePrefix</c>).</summary>
    public const string Prefix = "api";

    public const string Health = "health";
    public const string HealthLive = "health/live";

    public const string Courses = "courses";
    public const string Course = "courses/{courseId}";
    public const string CourseUploads = "courses/{courseId}/uploads";
    public const string CourseImports = "courses/{courseId}/imports";
    public const string CourseImport = "courses/{courseId}/imports/{importId}";
    public const string CourseLaunch = "courses/{courseId}/launch";
    public const string CourseRegistrations = "courses/{courseId}/registrations";
    public const string CourseRegistrationsCsv = "courses/{courseId}/registrations.csv";
    public const string CourseRegistrationsRefresh = "courses/{courseId}/registrations/refresh";

    public const string Registrations = "registrations";
    public const string Registration = "registrations/{registrationId}";
    public const string RegistrationDetails = "registrations/{registrationId}/details";
    public const string RegistrationReset = "registrations/{registrationId}/reset";
    public const string RegistrationRefresh = "registrations/{registrationId}/refresh";
    public const string RegistrationOverride = "registrations/{registrationId}/override";
    public const string RegistrationOverrides = "registrations/{registrationId}/overrides";
    public const string RegistrationLaunch = "registrations/{registrationId}/launch";
    public const string RegistrationExit = "registrations/{registrationId}/exit";
    public const string RegistrationInstances = "registrations/{registrationId}/instances";

    public const string Learner = "learners/{learnerId}";
    public const string LearnerDeletion = "learners/{learnerId}/deletion";
    public const string LearnerRegistrations = "learners/{learnerId}/registrations";

    public const string EventOutbox = "events/outbox";

    /// <summary>Not <c>admin/…</c>: the Functions host reserves routes starting with <c>admin</c> (Azure/azure-functions-host#1781).</summary>
    public const string PostbackReplay = "postbacks/replay";
    public const string RegistrationPostbacks = "postbacks/registrations";
    public const string ImportPostback = "postbacks/imports/{importId}";

    /// <summary>
    /// The server-relative path of <paramref name="route"/> with its parameters filled in order, each escaped:
    /// <c>Path(Registration, "r 1")</c> is <c>/api/registrations/r%201</c>.
    /// </summary>
    public static string Path(string route, params ReadOnlySpan<string> values) => "/" + Relative(route, values);

    /// <summary>
    /// The absolute URL of <paramref name="route"/> under the API's public base URL (<c>App:PublicBaseUrl</c>, which may
    /// have a path of its own): what browsers and SCORM Cloud are given.
    /// </summary>
    public static Uri Url(Uri publicBaseUrl, string route, params ReadOnlySpan<string> values)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        var root = publicBaseUrl.AbsoluteUri;
        return new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), Relative(route, values));
    }

    private static string Relative(string route, ReadOnlySpan<string> values)
    {
        ArgumentNullException.ThrowIfNull(route);
        var path = new System.Text.StringBuilder(Prefix).Append('/');
        var next = 0;
        for (var i = 0; i < route.Length; i++)
        {
            if (route[i] != '{')
            {
                path.Append(route[i]);
                continue;
            }
            var close = route.IndexOf('}', i);
            if (next >= values.Length) throw new ArgumentException($"Route '{route}' needs more than {values.Length} values.", nameof(values));
            path.Append(Uri.EscapeDataString(values[next++]));
            i = close;
        }
        if (next != values.Length) throw new ArgumentException($"Route '{route}' takes {next} values, not {values.Length}.", nameof(values));
        return path.ToString();
    }
}
