using System.Text.Json;
using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Registrations;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Postbacks;

/// <summary>
/// Queues a registration's postback (if it has a URL) with the payload its resultsFormat asks for: the instance that
/// changed, with its <c>instance</c> number.
/// </summary>
public sealed class RegistrationPostbacks(EmulatorStore store, PostbackQueue queue)
{
    /// <summary>Call under the registration's gate, right after a rollup of <paramref name="instance"/>.</summary>
    public void Notify(RegistrationRecord registration, RegistrationInstance instance)
    {
        if (PostbackSettings.Resolve(registration.Settings) is not { } target) return;
        var course = store.Courses.TryGetValue(registration.CourseId, out var c) ? c.Find(instance.CourseVersion) : null;
        var json = RegistrationJson.Build(registration, instance, course, RegistrationDetail.FromResultsFormat(target.ResultsFormat));
        queue.Enqueue(new PostbackWork(registration.Id, target, JsonSerializer.Serialize(json, ApiJson.Options)));
    }
}
