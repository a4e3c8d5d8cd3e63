using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Courses;

namespace ScormCloud.Emulator.Registrations;

/// <summary>What of the activity tree a <c>RegistrationSchema</c> carries (query flags, or a postback's resultsFormat).</summary>
public sealed record RegistrationDetail(bool ActivityDetails, bool Children, bool Runtime, bool InteractionsAndObjectives)
{
    public static RegistrationDetail FromQuery(string? includeChildResults, string? includeRuntime, string? includeInteractionsAndObjectives) =>
        new(true, Query.Flag(includeChildResults), Query.Flag(includeRuntime), Query.Flag(includeInteractionsAndObjectives));

    /// <summary>The include flags a list request (or its <c>more</c> token) carries.</summary>
    public static RegistrationDetail FromFilters(IReadOnlyDictionary<string, string?> filters) =>
        FromQuery(filters.GetValueOrDefault("includeChildResults"), filters.GetValueOrDefault("includeRuntime"),
            filters.GetValueOrDefault("includeInteractionsAndObjectives"));

    /// <summary>COURSE = no activityDetails; ACTIVITY = the activity tree; FULL = tree + runtime + interactions/objectives.</summary>
    public static RegistrationDetail FromResultsFormat(string? format) => format?.ToLowerInvariant() switch
    {
        "activity" => new(true, true, false, false),
        "full" => new(true, true, true, true),
        _ => new(false, false, false, false),
    };
}

/// <summary>Builds <c>RegistrationSchema</c> for one instance; call under the registration's <see cref="RegistrationRecord.Gate"/>.</summary>
public static class RegistrationJson
{
    public static Dictionary<string, object?> Build(RegistrationRecord r, RegistrationInstance instance, CourseVersion? course, RegistrationDetail detail)
    {
        var p = instance.Progress;
        var json = new Dictionary<string, object?>
        {
            ["id"] = r.Id,
            ["instance"] = instance.Number,
            ["xapiRegistrationId"] = instance.XapiRegistrationId,
            ["updated"] = ApiJson.Date(instance.Updated),
            ["registrationCompletion"] = p.Completion,
            ["registrationCompletionAmount"] = p.CompletionAmount,
            ["registrationSuccess"] = p.Success,
            ["score"] = p.Score is { } s ? new { scaled = s } : null,
            ["totalSecondsTracked"] = p.TotalSeconds,
            ["firstAccessDate"] = ApiJson.Date(p.FirstAccess),
            ["lastAccessDate"] = ApiJson.Date(p.LastAccess),
            ["completedDate"] = ApiJson.Date(p.Completed),
            ["createdDate"] = ApiJson.Date(r.Created),
            ["course"] = new { id = r.CourseId, title = course?.Title, version = instance.CourseVersion },
            ["learner"] = new { id = r.Learner.Id, firstName = r.Learner.FirstName, lastName = r.Learner.LastName, email = r.Learner.Email },
            ["tags"] = r.Tags,
            ["globalObjectives"] = Array.Empty<object>(),
            ["sharedData"] = Array.Empty<object>(),
        };
        if (detail.ActivityDetails && course is not null) json["activityDetails"] = Activity(p, course, detail);
        return json;
    }

    private static Dictionary<string, object?> Activity(RegistrationProgress progress, CourseVersion course, RegistrationDetail detail)
    {
        var root = ActivityResult(course.RootActivityId, course.Title, progress);
        var runtime = detail.Runtime && progress.Cmi is not null
            ? RuntimeJson.Build(progress, course.LearningStandard, detail.InteractionsAndObjectives)
            : null;
        var objectives = detail.InteractionsAndObjectives ? RuntimeJson.Objectives(progress.Cmi, course.LearningStandard) : null;
        if (detail.Children)
        {
            var sco = ActivityResult(course.Sco.Id, course.Sco.Title, progress);
            sco["runtime"] = runtime;
            sco["objectives"] = objectives;
            root["children"] = new[] { sco };
        }
        else
        {
            root["runtime"] = runtime;
            root["objectives"] = objectives;
        }
        return root;
    }

    private static Dictionary<string, object?> ActivityResult(string id, string title, RegistrationProgress p) => new()
    {
        ["id"] = id,
        ["title"] = title,
        ["attempts"] = p.Attempts,
        ["activityCompletion"] = p.Completion,
        ["activitySuccess"] = p.Success,
        ["score"] = p.Score is { } s ? new { scaled = s } : null,
        ["timeTracked"] = ScormTime.ToScorm12(p.TotalSeconds),
        ["completionAmount"] = new { scaled = p.CompletionAmount },
        ["suspended"] = p.LastExit == "suspend",
    };
}
