using ScormCloud.Client.Http;
using ScormCloud.Client.Models;
using ScormCloud.Client.Wire;

namespace ScormCloud.Client;

public partial class ScormCloudClient
{
    /// <summary>Gets a course's effective settings (<c>GET /courses/{id}/configuration</c>). Retried on transient failures.</summary>
    /// <param name="courseId">The course id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The settings, for example <see cref="WhenToRestartRegistration.SettingId"/>.</returns>
    /// <exception cref="ScormCloudException">404 when there is no such course.</exception>
    public virtual Task<IReadOnlyList<RegistrationSetting>> GetCourseConfigurationAsync(string courseId, CancellationToken cancellationToken = default) =>
        GetCourseConfigurationAsync(courseId, includeMetadata: false, cancellationToken);

    /// <summary>Gets a course's effective settings (<c>GET /courses/{id}/configuration</c>). Retried on transient failures.</summary>
    /// <param name="courseId">The course id.</param>
    /// <param name="includeMetadata">Ask for each setting's <see cref="RegistrationSetting.Metadata"/> (<c>includeMetadata=true</c>), with its valid values.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ScormCloudException">404 when there is no such course.</exception>
    public virtual Task<IReadOnlyList<RegistrationSetting>> GetCourseConfigurationAsync(
        string courseId, bool includeMetadata, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(courseId);
        return GetSettingsAsync("courses/" + Segment(courseId) + "/configuration", includeMetadata, cancellationToken);
    }

    /// <summary>
    /// Sets course settings (<c>POST /courses/{id}/configuration</c>, <c>SettingsPostSchema</c>), for example
    /// <c>WhenToRestartRegistration.Setting(WhenToRestartRegistration.WhenCompleteAndNewerVersionExists)</c>. A
    /// <see langword="null"/> value clears the setting at the course level. Idempotent, so retried on transient failures.
    /// </summary>
    /// <param name="courseId">The course id.</param>
    /// <param name="settings">The settings to set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ScormCloudException">400 for an unknown setting or value; 404 for no such course.</exception>
    public virtual Task SetCourseConfigurationAsync(
        string courseId, IEnumerable<RegistrationSettingValue> settings, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(courseId);
        ArgumentNullException.ThrowIfNull(settings);
        return SetSettingsAsync("courses/" + Segment(courseId) + "/configuration", settings, cancellationToken);
    }

    /// <summary><c>GET …/configuration</c> → <c>SettingListSchema.settingItems</c>.</summary>
    private async Task<IReadOnlyList<RegistrationSetting>> GetSettingsAsync(
        string configurationPath, bool includeMetadata, CancellationToken cancellationToken)
    {
        var query = new QueryBuilder();
        if (includeMetadata) query.Add("includeMetadata", true);
        using var request = CreateRequest(HttpMethod.Get, configurationPath + query, ScormCloudRequestPolicy.Retry);
        var list = await SendForJsonAsync<SettingList>(request, cancellationToken);
        return list.SettingItems ?? [];
    }

    /// <summary><c>POST …/configuration</c> with <c>SettingsPostSchema</c>; setting values is idempotent, so it is retried.</summary>
    private async Task SetSettingsAsync(string configurationPath, IEnumerable<RegistrationSettingValue> settings, CancellationToken cancellationToken)
    {
        var body = new SettingsPost { Settings = settings.ToList() };
        using var request = CreateRequest(HttpMethod.Post, configurationPath, ScormCloudRequestPolicy.Retry, JsonBody(body));
        await SendAndEnsureSuccessAsync(request, notFoundIsSuccess: false, cancellationToken);
    }
}
