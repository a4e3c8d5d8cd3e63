using System.Globalization;
using System.Runtime.CompilerServices;
using ScormCloud.Client.Http;
using ScormCloud.Client.Models;

namespace ScormCloud.Client;

/// <summary>
/// Registration instances: each retake (or each move to a newer course version, see <see cref="WhenToRestartRegistration"/>)
/// is a new instance of the same registration id, numbered 0, 1, 2…; the newest is the current one, which
/// <see cref="GetRegistrationProgressAsync"/>, postbacks of its progress and every launch link use.
/// </summary>
public partial class ScormCloudClient
{
    /// <summary>
    /// Starts a new instance of a registration (<c>POST /registrations/{id}/instances</c>): instance N+1, with no progress,
    /// becomes the current one; earlier instances keep their results. The service returns no body: read the new number
    /// from <see cref="GetRegistrationProgressAsync"/> (<see cref="Registration.Instance"/>).
    /// </summary>
    /// <remarks>
    /// Not retried: each POST creates an instance, so repeating one whose response was lost would create two. After a failure
    /// without a definite answer (<see cref="ScormCloudException.Status"/> 0 or 5xx), compare the current
    /// <see cref="Registration.Instance"/> with the one read before the call to learn whether it was created.
    /// </remarks>
    /// <param name="registrationId">The registration id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ScormCloudException">404 when there is no such registration.</exception>
    public virtual async Task CreateRegistrationInstanceAsync(string registrationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registrationId);
        using var request = CreateRequest(HttpMethod.Post, InstancesPath(registrationId), ScormCloudRequestPolicy.NoRetry);
        await SendAndEnsureSuccessAsync(request, notFoundIsSuccess: false, cancellationToken);
    }

    /// <summary>
    /// Gets one page of a registration's instances, oldest first (<c>GET /registrations/{id}/instances</c>,
    /// <c>RegistrationListSchema</c>). Retried on transient failures.
    /// </summary>
    /// <param name="registrationId">The registration id.</param>
    /// <param name="query">Time filters, detail flags and the continuation token (<see cref="RegistrationInstanceQuery.More"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page: one <see cref="Registration"/> per instance; <see cref="RegistrationPage.More"/> is set when there are more.</returns>
    /// <exception cref="ScormCloudException">404 when there is no such registration.</exception>
    public virtual async Task<RegistrationPage> GetRegistrationInstancesAsync(
        string registrationId, RegistrationInstanceQuery? query = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registrationId);
        query ??= new RegistrationInstanceQuery();
        var queryString = new QueryBuilder();
        if (!string.IsNullOrEmpty(query.More))
        {
            // As for GET /registrations: the token carries the original filters and is sent alone.
            queryString.Add("more", query.More);
        }
        else
        {
            queryString.Add("since", query.Since).Add("until", query.Until);
            if (query.IncludeChildResults) queryString.Add("includeChildResults", true);
            if (query.IncludeInteractionsAndObjectives) queryString.Add("includeInteractionsAndObjectives", true);
            if (query.IncludeRuntime) queryString.Add("includeRuntime", true);
        }
        using var request = CreateRequest(HttpMethod.Get, InstancesPath(registrationId) + queryString, ScormCloudRequestPolicy.Retry);
        return await SendForJsonAsync<RegistrationPage>(request, cancellationToken);
    }

    /// <summary>Enumerates all of a registration's instances, oldest first, following <c>more</c> tokens page by page.</summary>
    /// <param name="registrationId">The registration id.</param>
    /// <param name="query">Filters; <see cref="RegistrationInstanceQuery.More"/> may resume an earlier listing.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>One <see cref="Registration"/> per instance.</returns>
    /// <exception cref="ScormCloudException">A page request failed (404 when there is no such registration).</exception>
    public virtual async IAsyncEnumerable<Registration> GetAllRegistrationInstancesAsync(
        string registrationId, RegistrationInstanceQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registrationId);
        var pageQuery = query ?? new RegistrationInstanceQuery();
        while (true)
        {
            var page = await GetRegistrationInstancesAsync(registrationId, pageQuery, cancellationToken);
            foreach (var instance in page.Registrations) yield return instance;
            if (string.IsNullOrEmpty(page.More) || page.More == pageQuery.More) yield break;
            pageQuery = new RegistrationInstanceQuery { More = page.More };
        }
    }

    /// <summary>
    /// Gets one instance's progress (<c>GET /registrations/{id}/instances/{instanceId}</c>, <c>RegistrationSchema</c>).
    /// Retried on transient failures.
    /// </summary>
    /// <param name="registrationId">The registration id.</param>
    /// <param name="instance">The instance number (0 for the first).</param>
    /// <param name="options">Whether to include child results, runtime data, interactions and objectives.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>That instance's results; <see cref="Score.Scaled"/> runs from 0 to 100.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="instance"/> is negative.</exception>
    /// <exception cref="ScormCloudException">404 when there is no such registration or instance.</exception>
    public virtual async Task<Registration> GetRegistrationInstanceProgressAsync(
        string registrationId, int instance, RegistrationProgressOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(registrationId);
        ArgumentOutOfRangeException.ThrowIfNegative(instance);
        var path = InstancesPath(registrationId) + "/" + instance.ToString(CultureInfo.InvariantCulture) + ProgressQuery(options);
        using var request = CreateRequest(HttpMethod.Get, path, ScormCloudRequestPolicy.Retry);
        return await SendForJsonAsync<Registration>(request, cancellationToken);
    }

    private static string InstancesPath(string registrationId) => "registrations/" + Segment(registrationId) + "/instances";
}
