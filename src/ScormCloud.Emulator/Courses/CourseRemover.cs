using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Courses;

/// <summary>Deletes a course with its registrations, sessions and extracted files (as DeleteCourse does).</summary>
public sealed class CourseRemover(EmulatorStore store, ILogger<CourseRemover> logger)
{
    public bool Remove(string courseId)
    {
        if (!store.Courses.TryRemove(courseId, out var course)) return false;
        var registrations = store.Registrations.Values.Where(r => r.CourseId == courseId).Select(r => r.Id).ToList();
        foreach (var id in registrations) store.Registrations.TryRemove(id, out _);
        foreach (var session in store.Sessions.Values.Where(s => registrations.Contains(s.RegistrationId)))
        {
            store.Sessions.TryRemove(session.Token, out _);
        }
        foreach (var version in course.Versions)
        {
            try
            {
                if (Directory.Exists(version.ContentDirectory)) Directory.Delete(version.ContentDirectory, recursive: true);
            }
            catch (IOException e)
            {
                logger.LogWarning(e, "Could not delete {Directory}", version.ContentDirectory);
            }
        }
        logger.LogInformation("Deleted course {CourseId} and {Count} registrations", courseId, registrations.Count);
        return true;
    }
}
