using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.Timeout;
using ScormCloud.Client.Http;
using ScormCloud.Client.Wire;

namespace ScormCloud.Client;

/// <summary>
/// A client for the SCORM Cloud V2 REST API (courses, import jobs, registrations, launch links).
/// Thread-safe. Register it with <see cref="ScormCloudServiceCollectionExtensions.AddScormCloudClient"/>
/// to get the resilience pipeline (retries for idempotent calls, timeouts).
/// </summary>
/// <remarks>
/// Failures throw <see cref="ScormCloudException"/> (a non-success status, or <see cref="ScormCloudException.Status"/> 0
/// when no response arrived). Cancellation through the <see cref="CancellationToken"/> throws
/// <see cref="OperationCanceledException"/>.
/// </remarks>
public partial class ScormCloudClient
{
    private const int MaxErrorBodyChars = 2000;
    private readonly HttpClient _httpClient;
    private readonly Uri _baseUrl;
    private readonly AuthenticationHeaderValue _authorization;

    /// <summary>For mocking only.</summary>
    protected ScormCloudClient()
    {
        _httpClient = null!;
        _baseUrl = null!;
        _authorization = null!;
    }

    /// <summary>Creates a client that sends through <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">
    /// The HTTP client; its timeout should be infinite when the resilience pipeline is used
    /// (<see cref="ScormCloudServiceCollectionExtensions.AddScormCloudClient"/> does this).
    /// </param>
    /// <param name="options">The base URL and credentials (Basic auth, <c>appId:secretKey</c>).</param>
    /// <exception cref="ArgumentException">The options are invalid (for example no app id).</exception>
    public ScormCloudClient(HttpClient httpClient, IOptions<ScormCloudClientOptions> options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        var validation = new ScormCloudClientOptionsValidator().Validate(null, value);
        if (validation.Failed) throw new ArgumentException(validation.FailureMessage, nameof(options));

        _httpClient = httpClient;
        var baseUrl = value.BaseUrl.AbsoluteUri;
        _baseUrl = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
        _authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(value.AppId + ":" + value.SecretKey)));
    }

    /// <summary>
    /// One escaped path segment. A segment of dots only (<c>.</c>, <c>..</c>) would be removed or climb a level when the
    /// URL is normalised, so its dots are escaped too (<c>%2E</c>).
    /// </summary>
    private static string Segment(string value) =>
        value.Length > 0 && value.AsSpan().TrimStart('.').IsEmpty ? value.Replace(".", "%2E", StringComparison.Ordinal) : Uri.EscapeDataString(value);

    private HttpRequestMessage CreateRequest(
        HttpMethod method, string relativePath, ScormCloudRequestPolicy policy, HttpContent? content = null)
    {
        // The path is built from escaped segments already: no canonicalisation, so an escaped dot segment (%2E%2E)
        // is sent as built instead of being unescaped and removed (which would address another resource).
        var uri = new Uri(_baseUrl.AbsoluteUri + relativePath, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = _authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.SetPolicy(policy);
        return request;
    }

    private static ByteArrayContent JsonBody<T>(T value)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, ScormCloudJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ScormCloudException(0, null, $"{Describe(request)} timed out after {ex.Timeout}.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ScormCloudException(0, null, $"{Describe(request)} failed without a response: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex)
        {
            throw new ScormCloudException(0, null, $"{Describe(request)} timed out.", ex);
        }
    }

    private async Task SendAndEnsureSuccessAsync(HttpRequestMessage request, bool notFoundIsSuccess, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode || (notFoundIsSuccess && response.StatusCode == HttpStatusCode.NotFound)) return;
        throw await CreateExceptionAsync(request, response, cancellationToken);
    }

    private async Task<T> SendForJsonAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) throw await CreateExceptionAsync(request, response, cancellationToken);
        return await ReadJsonAsync<T>(request, response, cancellationToken);
    }

    private static async Task<T> ReadJsonAsync<T>(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync<T>(stream, ScormCloudJson.Options, cancellationToken)
                ?? throw new JsonException("The body is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new ScormCloudException(
                (int)response.StatusCode, null, $"{Describe(request)} returned a body that is not the expected JSON: {ex.Message}", ex);
        }
    }

    private static async Task<ScormCloudException> CreateExceptionAsync(
        HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var serviceMessage = ParseErrorMessage(await response.Content.ReadAsStringAsync(cancellationToken));
        var status = (int)response.StatusCode;
        var message = $"{Describe(request)} failed with {status} ({response.ReasonPhrase ?? response.StatusCode.ToString()})"
            + (serviceMessage is null ? "." : $": {serviceMessage}");
        return new ScormCloudException(status, serviceMessage, message);
    }

    private static string? ParseErrorMessage(string body)
    {
        var text = body.Trim();
        if (text.Length == 0) return null;
        if (text.StartsWith('{'))
        {
            try
            {
                var error = JsonSerializer.Deserialize<ErrorBody>(text, ScormCloudJson.Options);
                var parsed = error?.Message ?? error?.Error;
                if (!string.IsNullOrWhiteSpace(parsed)) return parsed;
            }
            catch (JsonException)
            {
                // Not the documented shape: fall back to the raw text.
            }
        }
        return text.Length <= MaxErrorBodyChars ? text : text[..MaxErrorBodyChars] + "…";
    }

    private static string Describe(HttpRequestMessage request) =>
        $"SCORM Cloud {request.Method} {request.RequestUri?.AbsolutePath}";
}
