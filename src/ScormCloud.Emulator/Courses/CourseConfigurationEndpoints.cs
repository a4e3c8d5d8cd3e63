using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Courses;

/// <summary>
/// <c>GET|POST /courses/{id}/configuration</c> (CourseApi GetCourseConfiguration / SetCourseConfiguration). Only
/// <c>WhenToRestartRegistration</c> has an effect (see <see cref="RestartPolicy"/>) and its value is checked; other
/// setting ids are stored and echoed without effect.
/// </summary>
public static class CourseConfigurationEndpoints
{
    private static readonly Dictionary<string, string> Defaults = new(StringComparer.Ordinal) { [RestartPolicy.SettingId] = RestartPolicy.Never };

    /// <summary>SettingMetadata; the descriptions and the data type are the emulator's own.</summary>
    private static Dictionary<string, object?> Metadata(string id) => id == RestartPolicy.SettingId
        ? new()
        {
            ["default"] = RestartPolicy.Never,
            ["dataType"] = "string",
            ["settingDescription"] = "When a launch of an existing registration starts a new instance on the newest course version.",
            ["level"] = "course",
            ["validValues"] = RestartPolicy.Values.Select(v => new { value = v.Key, valueDescription = v.Value }).ToList(),
        }
        : new() { ["dataType"] = "string", ["settingDescription"] = "Stored by the emulator; no effect" };

    public static void MapCourseConfigurationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/courses/{courseId}/configuration", (string courseId, string? includeMetadata, EmulatorStore store) =>
        {
            if (!store.Courses.TryGetValue(courseId, out var course)) return ApiResults.CourseNotFound(courseId);
            lock (course.Gate)
            {
                return SettingList.Render(course.Settings, Defaults, "course", Query.Flag(includeMetadata), Metadata);
            }
        });

        api.MapPost("/courses/{courseId}/configuration", (string courseId, SettingsPostSchema body, EmulatorStore store) =>
        {
            if (!store.Courses.TryGetValue(courseId, out var course)) return ApiResults.CourseNotFound(courseId);
            if (SettingList.Validate(body) is { } invalid) return invalid;
            var values = new List<SettingValue>();
            foreach (var s in body.Settings!)
            {
                if (s.SettingId != RestartPolicy.SettingId || s.Value is null)
                {
                    values.Add(s);
                    continue;
                }
                if (RestartPolicy.Normalize(s.Value) is not { } value)
                {
                    return ApiResults.BadRequest($"Invalid value [{s.Value}] for setting [{RestartPolicy.SettingId}]; valid values: "
                        + string.Join(", ", RestartPolicy.Values.Keys));
                }
                values.Add(s with { Value = value });
            }
            lock (course.Gate) SettingList.Apply(course.Settings, values);
            return Results.NoContent();
        });
    }
}
