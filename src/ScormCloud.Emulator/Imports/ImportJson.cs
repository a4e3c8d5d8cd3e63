using ScormCloud.Emulator.Courses;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Imports;

/// <summary>Builds <c>ImportJobResultSchema</c>, reporting RUNNING until the job is finished and ready.</summary>
public static class ImportJson
{
    public static Dictionary<string, object?> Result(ImportJob job, EmulatorStore store, DateTimeOffset now)
    {
        var status = now < job.ReadyAt ? ImportJob.Running : job.Status;
        var result = new Dictionary<string, object?> { ["jobId"] = job.Id, ["status"] = status };
        if (status == ImportJob.Error) result["message"] = job.Message;
        if (status == ImportJob.Complete && job.Result is { } version)
        {
            result["message"] = job.Message;
            var course = store.Courses.TryGetValue(job.CourseId, out var c) ? c : null;
            result["importResult"] = new Dictionary<string, object?>
            {
                ["webPathToCourse"] = $"{job.Origin}/content/{version.ContentKey}/",
                ["parserWarnings"] = version.ParserWarnings,
                ["courseLanguages"] = Array.Empty<string>(),
                ["course"] = course is null ? null : CourseJson.Course(course, version, store.RegistrationCount(course.Id)),
            };
        }
        return result;
    }
}
