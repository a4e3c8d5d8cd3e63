using System.Collections.Frozen;

namespace ScormFunctions.Core.Http;

/// <summary>Who may call an endpoint. Only <see cref="Authenticated"/> and <see cref="Admin"/> are resolved at the edge.</summary>
public enum CallerAccess
{
    /// <summary>Anyone; nothing is checked.</summary>
    Anonymous,

    /// <summary>Anyone holding a URL we signed; the feature verifies the signature (it needs the query).</summary>
    SignedUrl,

    /// <summary>SCORM Cloud with the per-registration postback credentials; verified by the postback handler before the body.</summary>
    PostbackCredentials,

    /// <summary>Any authenticated caller (learner or admin); owner checks stay in the feature, which has the record.</summary>
    Authenticated,

    /// <summary>An authenticated caller with the admin role.</summary>
    Admin,
}

/// <summary>One HTTP endpoint: its name (the Functions function name), method, route and callers.</summary>
public sealed record ApiEndpoint(string Name, string Method, string Route, CallerAccess Callers);

/// <summary>
/// The API's endpoints and who may call each, declared once: the local host maps them (<c>MapApi</c>) and resolves the
/// caller in a middleware before binding; the Functions app's worker middleware looks them up by function name.
/// </summary>
public static class ApiEndpoints
{
    public static readonly ApiEndpoint Health = new(nameof(Health), "GET", ApiRoutes.Health, CallerAccess.Anonymous);
    public static readonly ApiEndpoint HealthLive = new(nameof(HealthLive), "GET", ApiRoutes.HealthLive, CallerAccess.Anonymous);

    public static readonly ApiEndpoint ListCourses = new(nameof(ListCourses), "GET", ApiRoutes.Courses, CallerAccess.Admin);
    public static readonly ApiEndpoint GetCourse = new(nameof(GetCourse), "GET", ApiRoutes.Course, CallerAccess.Admin);
    public static readonly ApiEndpoint DeleteCourse = new(nameof(DeleteCourse), "DELETE", ApiRoutes.Course, CallerAccess.Admin);
    public static readonly ApiEndpoint CreateUpload = new(nameof(CreateUpload), "POST", ApiRoutes.CourseUploads, CallerAccess.Admin);
    public static readonly ApiEndpoint StartImport = new(nameof(StartImport), "POST", ApiRoutes.CourseImports, CallerAccess.Admin);
    public static readonly ApiEndpoint GetImport = new(nameof(GetImport), "GET", ApiRoutes.CourseImport, CallerAccess.Admin);
    public static readonly ApiEndpoint ReceiveImportPostback = new(nameof(ReceiveImportPostback), "POST", ApiRoutes.ImportPostback, CallerAccess.SignedUrl);

    public static readonly ApiEndpoint CreateRegistration = new(nameof(CreateRegistration), "POST", ApiRoutes.Registrations, CallerAccess.Admin);
    public static readonly ApiEndpoint GetRegistration = new(nameof(GetRegistration), "GET", ApiRoutes.Registration, CallerAccess.Authenticated);
    public static readonly ApiEndpoint GetRegistrationDetails = new(nameof(GetRegistrationDetails), "GET", ApiRoutes.RegistrationDetails, CallerAccess.Authenticated);
    public static readonly ApiEndpoint DeleteRegistration = new(nameof(DeleteRegistration), "DELETE", ApiRoutes.Registration, CallerAccess.Admin);
    public static readonly ApiEndpoint ResetRegistration = new(nameof(ResetRegistration), "POST", ApiRoutes.RegistrationReset, CallerAccess.Admin);
    public static readonly ApiEndpoint RefreshRegistration = new(nameof(RefreshRegistration), "POST", ApiRoutes.RegistrationRefresh, CallerAccess.Authenticated);
    public static readonly ApiEndpoint SetRegistrationOverride = new(nameof(SetRegistrationOverride), "PUT", ApiRoutes.RegistrationOverride, CallerAccess.Admin);
    public static readonly ApiEndpoint ClearRegistrationOverride = new(nameof(ClearRegistrationOverride), "DELETE", ApiRoutes.RegistrationOverride, CallerAccess.Admin);
    public static readonly ApiEndpoint ListRegistrationOverrides = new(nameof(ListRegistrationOverrides), "GET", ApiRoutes.RegistrationOverrides, CallerAccess.Admin);
    public static readonly ApiEndpoint ListCourseRegistrations = new(nameof(ListCourseRegistrations), "GET", ApiRoutes.CourseRegistrations, CallerAccess.Admin);
    public static readonly ApiEndpoint ExportCourseRegistrationsCsv = new(nameof(ExportCourseRegistrationsCsv), "GET", ApiRoutes.CourseRegistrationsCsv, CallerAccess.Admin);
    public static readonly ApiEndpoint RefreshCourseRegistrations = new(nameof(RefreshCourseRegistrations), "POST", ApiRoutes.CourseRegistrationsRefresh, CallerAccess.Admin);
    public static readonly ApiEndpoint ListLearnerRegistrations = new(nameof(ListLearnerRegistrations), "GET", ApiRoutes.LearnerRegistrations, CallerAccess.Authenticated);

    public static readonly ApiEndpoint CreateRegistrationInstance = new(nameof(CreateRegistrationInstance), "POST", ApiRoutes.RegistrationInstances, CallerAccess.Authenticated);
    public static readonly ApiEndpoint ListRegistrationInstances = new(nameof(ListRegistrationInstances), "GET", ApiRoutes.RegistrationInstances, CallerAccess.Authenticated);

    public static readonly ApiEndpoint DeleteLearner = new(nameof(DeleteLearner), "DELETE", ApiRoutes.Learner, CallerAccess.Admin);
    public static readonly ApiEndpoint GetLearnerDeletion = new(nameof(GetLearnerDeletion), "GET", ApiRoutes.LearnerDeletion, CallerAccess.Admin);

    public static readonly ApiEndpoint GetEventOutbox = new(nameof(GetEventOutbox), "GET", ApiRoutes.EventOutbox, CallerAccess.Admin);

    public static readonly ApiEndpoint LaunchRegistration = new(nameof(LaunchRegistration), "POST", ApiRoutes.RegistrationLaunch, CallerAccess.Authenticated);
    public static readonly ApiEndpoint LaunchCourse = new(nameof(LaunchCourse), "POST", ApiRoutes.CourseLaunch, CallerAccess.Authenticated);
    public static readonly ApiEndpoint OpenLaunch = new(nameof(OpenLaunch), "GET", ApiRoutes.RegistrationLaunch, CallerAccess.SignedUrl);
    public static readonly ApiEndpoint ExitRegistration = new(nameof(ExitRegistration), "GET", ApiRoutes.RegistrationExit, CallerAccess.Anonymous);

    public static readonly ApiEndpoint ReceiveRegistrationPostback = new(nameof(ReceiveRegistrationPostback), "POST", ApiRoutes.RegistrationPostbacks, CallerAccess.PostbackCredentials);
    public static readonly ApiEndpoint ReplayPostbacks = new(nameof(ReplayPostbacks), "POST", ApiRoutes.PostbackReplay, CallerAccess.Admin);

    /// <summary>Every endpoint above, by name.</summary>
    public static FrozenDictionary<string, ApiEndpoint> ByName { get; } = typeof(ApiEndpoints)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(ApiEndpoint))
        .Select(f => (ApiEndpoint)f.GetValue(null)!)
        .ToFrozenDictionary(e => e.Name, StringComparer.Ordinal);
}
