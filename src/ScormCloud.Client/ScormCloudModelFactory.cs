using ScormCloud.Client.Models;

namespace ScormCloud.Client;

/// <summary>Creates output models for tests and mocks (their properties are init-only).</summary>
public static class ScormCloudModelFactory
{
    /// <summary>Creates a <see cref="Models.PingResult"/>.</summary>
    /// <param name="apiMessage">The service message.</param>
    /// <param name="currentTime">The service time.</param>
    /// <returns>The model.</returns>
    public static PingResult PingResult(string? apiMessage = "API is up", DateTimeOffset? currentTime = null) =>
        new() { ApiMessage = apiMessage, CurrentTime = currentTime };

    /// <summary>Creates an <see cref="Models.ImportJobResult"/>.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="status">The job status.</param>
    /// <param name="message">The service message.</param>
    /// <param name="importResult">The result, for a complete job.</param>
    /// <returns>The model.</returns>
    public static ImportJobResult ImportJobResult(
        string? jobId, ImportJobStatus status, string? message = null, ImportResult? importResult = null) =>
        new() { JobId = jobId, Status = status, Message = message, ImportResult = importResult };

    /// <summary>Creates an <see cref="Models.ImportResult"/>.</summary>
    /// <param name="course">The imported course.</param>
    /// <param name="webPathToCourse">The web path.</param>
    /// <param name="parserWarnings">Parser warnings.</param>
    /// <param name="courseLanguages">Course languages.</param>
    /// <returns>The model.</returns>
    public static ImportResult ImportResult(
        Course? course = null, string? webPathToCourse = null,
        IEnumerable<string>? parserWarnings = null, IEnumerable<string>? courseLanguages = null) =>
        new()
        {
            Course = course,
            WebPathToCourse = webPathToCourse,
            ParserWarnings = parserWarnings?.ToList() ?? [],
            CourseLanguages = courseLanguages?.ToList() ?? [],
        };

    /// <summary>Creates a <see cref="Models.Course"/>.</summary>
    /// <param name="id">The course id.</param>
    /// <param name="title">The title.</param>
    /// <param name="version">The version.</param>
    /// <param name="learningStandard">The learning standard.</param>
    /// <param name="registrationCount">The registration count.</param>
    /// <param name="created">Creation time.</param>
    /// <param name="updated">Update time.</param>
    /// <returns>The model.</returns>
    public static Course Course(
        string? id, string? title = null, int version = 0, LearningStandard learningStandard = LearningStandard.Unknown,
        int registrationCount = 0, DateTimeOffset? created = null, DateTimeOffset? updated = null) =>
        new()
        {
            Id = id,
            Title = title,
            Version = version,
            CourseLearningStandard = learningStandard,
            RegistrationCount = registrationCount,
            Created = created,
            Updated = updated,
        };

    /// <summary>Creates a <see cref="Models.Registration"/>.</summary>
    /// <param name="id">The registration id.</param>
    /// <param name="courseId">The course id.</param>
    /// <param name="learnerId">The learner id.</param>
    /// <param name="completion">Completion.</param>
    /// <param name="success">Success.</param>
    /// <param name="scoreScaled">Scaled score, 0 to 100.</param>
    /// <param name="totalSecondsTracked">Seconds tracked.</param>
    /// <param name="updated">Last update.</param>
    /// <param name="instance">Instance number.</param>
    /// <param name="completedDate">Completion time.</param>
    /// <param name="activityDetails">Activity results.</param>
    /// <param name="courseVersion">The course version the instance runs (<see cref="CourseReference.Version"/>; needs <paramref name="courseId"/>).</param>
    /// <param name="courseTitle">The course title (needs <paramref name="courseId"/>).</param>
    /// <returns>The model.</returns>
    public static Registration Registration(
        string? id, string? courseId = null, string? learnerId = null,
        RegistrationCompletion completion = RegistrationCompletion.Unknown, RegistrationSuccess success = RegistrationSuccess.Unknown,
        double? scoreScaled = null, double totalSecondsTracked = 0, DateTimeOffset? updated = null, int instance = 0,
        DateTimeOffset? completedDate = null, ActivityResult? activityDetails = null, int courseVersion = 0, string? courseTitle = null) =>
        new()
        {
            Id = id,
            Course = courseId is null ? null : new CourseReference { Id = courseId, Version = courseVersion, Title = courseTitle },
            Learner = learnerId is null ? null : new Learner(learnerId),
            RegistrationCompletion = completion,
            RegistrationSuccess = success,
            Score = scoreScaled is null ? null : new Score { Scaled = scoreScaled },
            TotalSecondsTracked = totalSecondsTracked,
            Updated = updated,
            Instance = instance,
            CompletedDate = completedDate,
            ActivityDetails = activityDetails,
        };

    /// <summary>Creates an <see cref="Models.ActivityResult"/>.</summary>
    /// <param name="id">The activity id.</param>
    /// <param name="title">The title.</param>
    /// <param name="completion">Completion.</param>
    /// <param name="success">Success.</param>
    /// <param name="scoreScaled">Scaled score, 0 to 100.</param>
    /// <param name="children">Child activities.</param>
    /// <param name="runtime">Runtime data.</param>
    /// <returns>The model.</returns>
    public static ActivityResult ActivityResult(
        string? id, string? title = null,
        RegistrationCompletion completion = RegistrationCompletion.Unknown, RegistrationSuccess success = RegistrationSuccess.Unknown,
        double? scoreScaled = null, IEnumerable<ActivityResult>? children = null, Runtime? runtime = null) =>
        new()
        {
            Id = id,
            Title = title,
            ActivityCompletion = completion,
            ActivitySuccess = success,
            Score = scoreScaled is null ? null : new Score { Scaled = scoreScaled },
            Children = children?.ToList() ?? [],
            Runtime = runtime,
        };

    /// <summary>Creates a <see cref="Models.RegistrationPage"/>.</summary>
    /// <param name="registrations">The registrations.</param>
    /// <param name="more">The continuation token.</param>
    /// <returns>The model.</returns>
    public static RegistrationPage RegistrationPage(IEnumerable<Registration> registrations, string? more = null) =>
        new() { Registrations = registrations?.ToList() ?? [], More = more };

    /// <summary>Creates a <see cref="Models.SettingValidValue"/>.</summary>
    /// <param name="value">The value.</param>
    /// <param name="valueDescription">What it means.</param>
    /// <returns>The model.</returns>
    public static SettingValidValue SettingValidValue(string? value, string? valueDescription = null) =>
        new() { Value = value, ValueDescription = valueDescription };

    /// <summary>Creates a <see cref="Models.RegistrationSettingMetadata"/>.</summary>
    /// <param name="defaultValue">The default value.</param>
    /// <param name="dataType">The data type.</param>
    /// <param name="settingDescription">The description.</param>
    /// <param name="validValues">The accepted values.</param>
    /// <returns>The model.</returns>
    public static RegistrationSettingMetadata RegistrationSettingMetadata(
        string? defaultValue = null, string? dataType = null, string? settingDescription = null, IEnumerable<SettingValidValue>? validValues = null) =>
        new() { Default = defaultValue, DataType = dataType, SettingDescription = settingDescription, ValidValues = validValues?.ToList() ?? [] };

    /// <summary>Creates a <see cref="Models.RegistrationSetting"/>.</summary>
    /// <param name="id">The setting id.</param>
    /// <param name="effectiveValue">The effective value.</param>
    /// <param name="effectiveValueSource">Where the value comes from.</param>
    /// <param name="explicitValue">The value set at this level.</param>
    /// <param name="metadata">Metadata, as sent with <c>includeMetadata=true</c>.</param>
    /// <returns>The model.</returns>
    public static RegistrationSetting RegistrationSetting(
        string? id, string? effectiveValue, string? effectiveValueSource = null, string? explicitValue = null,
        RegistrationSettingMetadata? metadata = null) =>
        new() { Id = id, EffectiveValue = effectiveValue, EffectiveValueSource = effectiveValueSource, ExplicitValue = explicitValue, Metadata = metadata };
}
