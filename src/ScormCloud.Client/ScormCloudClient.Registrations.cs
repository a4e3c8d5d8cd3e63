using System.Net;
using System.Runtime.CompilerServices;
using ScormCloud.Client.Http;
using ScormCloud.Client.Models;
using ScormCloud.Client.Wire;

namespace ScormCloud.Client;

public partial class ScormCloudClient
{
    /// <summary>
    /// Creates a registration (<c>POST /registrations</c>). Retried on transient failures; when a retry meets
    /// 400 "already exists", the registration is read back and the call succeeds if its course id and learner id
    /// match the request (the earlier attempt created it).
    /// </summary>
    /// <param name="request">Course id, registration id, learner and optional postback settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ScormCloudException">
    /// 400 with <see cref="ScormCloudException.IsAlreadyExists"/> when the id is taken by another registration;
    /// 404 when the course does not exist.
    /// </exception>
    public virtual async Task CreateRegistrationAsync(CreateRegistrationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CourseId, nameof(request) + "." + nameof(request.CourseId));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.RegistrationId, nameof(request) + "." + nameof(request.RegistrationId));
        ArgumentNullException.ThrowIfNull(request.Learner, nameof(request) + "." + nameof(request.Learner));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Learner.Id, nameof(request) + ".Learner.Id");

        using var message = CreateRequest(HttpMethod.Post, "registrations", ScormCloudRequestPolicy.Retry, JsonBody(request));
        ScormCloudException error;
        using (var response = await SendAsync(message, cancellationToken))
        {
            if (response.IsSuccessStatusCode) return;
            error = await CreateExceptionAsync(message, response, cancellationToken);
        }

        if (error.Status == 400 && error.IsAlreadyExists && message.GetRetryCount() > 0
            && await IsSameRegistrationAsync(request, cancellationToken))
        {
            return;
        }
        throw error;
    }

    private async Task<bool> IsSameRegistrationAsync(CreateRegistrationRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var existing = await GetRegistrationProgressAsync(request.RegistrationId, null, cancellationToken);
            return string.Equals(existing.Course?.Id, request.CourseId, StringComparison.Ordinal)
                && string.Equals(existing.Learner?.Id, request.Learner.Id, StringComparison.Ordinal);
        }
        catch (ScormCloudException)
        {
            return false;
        }
    }

    /// <summary>Whether a registration exists (<c>HEAD /registrations/{id}</c>). Retried on transient failures.</summary>
    /// <param name="registrationId">The registration id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> for 2xx, <see langword="false"/> for 404.</returns>
    /// <exception cref="ScormCloudException">Any other status.</exception>
    public virtual async Task<bool> RegistrationExistsAsync(string registrationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registrationId);
        using var request = CreateRequest(HttpMethod.Head, "registrations/" + Segment(registrationId), ScormCloudRequestPolicy.Retry);
        using var response = await SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode) return true;
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        throw await CreateExceptionAsync(request, response, cancellationToken);
    }

    /// <summary>
    /// Gets a registration's progress (<c>GET /registrations/{id}</c>): its current (newest) instance. Retried on transient failures.
    /// </summary>
    /// <param name="registrationId">The registration id.</param>
    /// <param name="options">Whether to include child results, runtime data, interactions and objectives.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The registration; <see cref="Score.Scaled"/> runs from 0 to 100.</returns>
    /// <exception cref="ScormCloudException">404 when there is no such registration.</exception>
    public virtual async Task<Registration> GetRegistrationProgressAsync(
        string registrationId, RegistrationProgressOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registrationId);
        using var request = CreateRequest(
            HttpMethod.Get, "registrations/" + Segment(registrationId) + ProgressQuery(options), ScormCloudRequestPolicy.Retry);
        return await SendForJsonAsync<Registration>(request, cancellationToken);
    }

    /// <summary>The detail flags of a progress read, all three always sent.</summary>
    private static QueryBuilder ProgressQuery(RegistrationProgressOptions? options)
    {
        options ??= new RegistrationProgressOptions();
        return new QueryBuilder()
            .Add("includeChildResults", options.IncludeChildResults)
            .Add("includeInteractionsAndObjectives", options.IncludeInteractionsAndObjectives)
            .Add("includeRuntime", options.IncludeRuntime);
    }

    /// <summary>Gets one page of registrations (<c>GET /registrations</c>). Retried on transient failures.</summary>
    /// <param name="query">Filters and the continuation token (<see cref="RegistrationQuery.More"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; <see cref="RegistrationPage.More"/> is set when there are more.</returns>
    /// <exception cref="ScormCloudException">The service failed.</exception>
    public virtual async Task<RegistrationPage> GetRegistrationsAsync(RegistrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var queryString = new QueryBuilder();
        if (!string.IsNullOrEmpty(query.More))
        {
            // "When passing this token, no other filter parameters can be sent": the token carries the original filters.
            queryString.Add("more", query.More);
        }
        else
        {
            queryString
                .Add("courseId", query.CourseId)
                .Add("learnerId", query.LearnerId)
                .Add("since", query.Since)
                .Add("until", query.Until)
                .Add("datetimeFilter", query.DateTimeFilter switch
                {
                    RegistrationDateTimeFilter.Created => "created",
                    RegistrationDateTimeFilter.Updated => "updated",
                    _ => null,
                })
                .Add("orderBy", query.OrderBy switch
                {
                    RegistrationOrderBy.CreatedAsc => "created_asc",
                    RegistrationOrderBy.CreatedDesc => "created_desc",
                    RegistrationOrderBy.UpdatedAsc => "updated_asc",
                    RegistrationOrderBy.UpdatedDesc => "updated_desc",
                    _ => null,
                });
            if (query.IncludeChildResults) queryString.Add("includeChildResults", true);
            if (query.IncludeInteractionsAndObjectives) queryString.Add("includeInteractionsAndObjectives", true);
            if (query.IncludeRuntime) queryString.Add("includeRuntime", true);
        }
        using var request = CreateRequest(HttpMethod.Get, "registrations" + queryString, ScormCloudRequestPolicy.Retry);
        return await SendForJsonAsync<RegistrationPage>(request, cancellationToken);
    }

    /// <summary>Enumerates all matching registrations, following <c>more</c> tokens page by page.</summary>
    /// <param name="query">Filters; <see cref="RegistrationQuery.More"/> may resume an earlier listing.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The registrations, in service order.</returns>
    /// <exception cref="ScormCloudException">A page request failed.</exception>
    public virtual async IAsyncEnumerable<Registration> GetAllRegistrationsAsync(
        RegistrationQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pageQuery = query;
        while (true)
        {
            var page = await GetRegistrationsAsync(pageQuery, cancellationToken);
            foreach (var registration in page.Registrations) yield return registration;
            if (string.IsNullOrEmpty(page.More) || page.More == pageQuery.More) yield break;
            pageQuery = new RegistrationQuery { More = page.More };
        }
    }

    /// <summary>Gets a registration's effective settings (<c>GET /registrations/{id}/configuration</c>). Retried on transient failures.</summary>
    /// <param name="registrationId">The registration id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The settings, for example the postback ones (<c>ApiRollupRegistrationPostBackUrl</c>…).</returns>
    /// <exception cref="ScormCloudException">404 when there is no such registration.</exception>
    public virtual Task<IReadOnlyList<RegistrationSetting>> GetRegistrationConfigurationAsync(
        string registrationId, CancellationToken cancellationToken = default) =>
        GetRegistrationConfigurationAsync(registrationId, includeMetadata: false, cancellationToken);

    /// <summary>Gets a registration's effective settings (<c>GET /registrations/{id}/configuration</c>). Retried on transient failures.</summary>
    /// <param name="registrationId">The registration id.</param>
    /// <param name="includeMetadata">Ask for each setting's <see cref="RegistrationSetting.Metadata"/> (<c>includeMetadata=true</c>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="ScormCloudException">404 when there is no such registration.</exception>
    public virtual Task<IReadOnlyList<RegistrationSetting>> GetRegistrationConfigurationAsync(
        string registrationId, bool includeMetadata, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registrationId);
        return GetSettingsAsync("registrations/" + Segment(registrationId) + "/configuration", includeMetadata, cancellationToken);
    }

    /// <summary>
    /// Sets registration settings (<c>POST /registrations/{id}/configuration</c>, <c>SettingsPostSchema</c>).
    /// Setting values is idempotent, so the call is retried on transient failures.
    /// </summary>
    /// <param name="registrationId">The registration id.</param>
    /// <param name="settings">The settings to set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ScormCloudException">400 for an unknown setting or value; 404 for no such registration.</exception>
    public virtual Task SetRegistrationConfigurationAsync(
        string registrationId, IEnumerable<RegistrationSettingValue> settings, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registrationId);
        ArgumentNullException.ThrowIfNull(settings);
        return SetSettingsAsync("registrations/" + Segment(registrationId) + "/configuration", settings, cancellationToken);
    }

    /// <summary>
    /// Builds a launch link (<c>POST /registrations/{id}/launchLink</c>). Links expire (default 120 s, at most 300 s):
    /// build one when the learner clicks and redirect to it; never store it. Building a link has no side effects,
    /// so the call is retried on transient failures.
    /// </summary>
    /// <param name="registrationId">The registration id.</param>
    /// <param name="request">Redirect URL (required; empty uses the configured setting), expiry (10–300 s), tracking, start SCO, culture, stylesheet.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The absolute launch URL.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="LaunchLinkRequest.ExpirySeconds"/> is outside 10–300.</exception>
    /// <exception cref="ScormCloudException">404 when there is no such registration; 400 for a bad redirect URL.</exception>
    public virtual async Task<Uri> BuildLaunchLinkAsync(
        string registrationId, LaunchLinkRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registrationId);
        ArgumentNullException.ThrowIfNull(request);
        // Required by LaunchLinkRequestSchema; "" asks the service to use the configured exit setting.
        ArgumentNullException.ThrowIfNull(request.RedirectOnExitUrl, nameof(request) + "." + nameof(request.RedirectOnExitUrl));
        if (request.ExpirySeconds is < LaunchLinkRequest.MinExpirySeconds or > LaunchLinkRequest.MaxExpirySeconds)
        {
            throw new ArgumentOutOfRangeException(
                nameof(request), request.ExpirySeconds,
                $"ExpirySeconds must be between {LaunchLinkRequest.MinExpirySeconds} and {LaunchLinkRequest.MaxExpirySeconds}.");
        }

        using var message = CreateRequest(
            HttpMethod.Post, "registrations/" + Segment(registrationId) + "/launchLink", ScormCloudRequestPolicy.Retry, JsonBody(request));
        var result = await SendForJsonAsync<LaunchLinkResult>(message, cancellationToken);
        if (string.IsNullOrEmpty(result.LaunchLink) || !Uri.TryCreate(_baseUrl, result.LaunchLink, out var link))
        {
            throw new ScormCloudException(200, null, $"{Describe(message)} returned no usable launch link.");
        }
        return link;
    }

    /// <summary>
    /// Deletes a registration with all its instances (<c>DELETE /registrations/{id}</c>).
    /// A missing registration counts as deleted. Retried on transient failures.
    /// </summary>
    /// <param name="registrationId">The registration id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ScormCloudException">Any failure except 404.</exception>
    public virtual async Task DeleteRegistrationAsync(string registrationId, CancellationToken cancellationToken = default) =>
        _ = await TryDeleteRegistrationAsync(registrationId, cancellationToken);

    /// <summary>
    /// Deletes a registration with all its instances (<c>DELETE /registrations/{id}</c>) and says whether SCORM Cloud
    /// still had it, for callers that count what they deleted. Retried on transient failures: a retry whose first
    /// attempt went through answers 404, so <see langword="false"/> can also mean "deleted by this call".
    /// </summary>
    /// <param name="registrationId">The registration id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when it was deleted, <see langword="false"/> when there was none (404).</returns>
    /// <exception cref="ScormCloudException">Any failure except 404.</exception>
    public virtual async Task<bool> TryDeleteRegistrationAsync(string registrationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registrationId);
        using var request = CreateRequest(HttpMethod.Delete, "registrations/" + Segment(registrationId), ScormCloudRequestPolicy.Retry);
        using var response = await SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode) return true;
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        throw await CreateExceptionAsync(request, response, cancellationToken);
    }

    /// <summary>
    /// Resets a registration: removes its progress and launch history (<c>DELETE /registrations/{id}/progress</c>).
    /// Retried on transient failures.
    /// </summary>
    /// <param name="registrationId">The registration id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ScormCloudException">404 when there is no such registration.</exception>
    public virtual async Task DeleteRegistrationProgressAsync(string registrationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registrationId);
        using var request = CreateRequest(
            HttpMethod.Delete, "registrations/" + Segment(registrationId) + "/progress", ScormCloudRequestPolicy.Retry);
        await SendAndEnsureSuccessAsync(request, notFoundIsSuccess: false, cancellationToken);
    }

    /// <summary>
    /// Asks SCORM Cloud to send a test postback with sample data (<c>POST /registrations/postBackTest</c>).
    /// Not retried: each call sends a postback to the receiver.
    /// </summary>
    /// <param name="postBack">The receiver and its settings.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ScormCloudException">For example 400 when the receiver rejects the postback.</exception>
    public virtual async Task TestPostbackAsync(PostBackSettings postBack, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postBack);
        ArgumentNullException.ThrowIfNull(postBack.Url, nameof(postBack) + "." + nameof(postBack.Url));
        using var request = CreateRequest(HttpMethod.Post, "registrations/postBackTest", ScormCloudRequestPolicy.NoRetry, JsonBody(postBack));
        await SendAndEnsureSuccessAsync(request, notFoundIsSuccess: false, cancellationToken);
    }
}
