using ScormCloud.Emulator.Api;

namespace ScormCloud.Emulator.Courses;

/// <summary>Builds <c>CourseSchema</c> objects.</summary>
public static class CourseJson
{
    public static Dictionary<string, object?> Course(CourseRecord course, CourseVersion version, int registrationCount) => new()
    {
        ["id"] = course.Id,
        ["title"] = version.Title,
        ["created"] = ApiJson.Date(course.Created),
        ["updated"] = ApiJson.Date(course.Updated),
        ["version"] = version.Version,
        ["registrationCount"] = registrationCount,
        ["activityId"] = version.RootActivityId,
        ["courseLearningStandard"] = version.LearningStandard,
        ["tags"] = Array.Empty<string>(),
        ["dispatched"] = false,
    };
}
