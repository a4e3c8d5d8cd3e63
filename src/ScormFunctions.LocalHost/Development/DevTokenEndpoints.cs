using System.Net.Http.Json;
using ScormFunctions.Core.Http;

namespace ScormFunctions.LocalHost.Development;

/// <summary>
/// POST /api/dev/tokens — Development environment of the local host only; never in the Functions app. With a
/// development key (<c>Auth:DevelopmentSigningKey</c>) the host signs the token itself; when it trusts the local
/// OpenID Connect provider instead (<c>Oidc:Authority</c>, no development key), the provider issues it, so the token
/// is validated through the provider's keys like a signed-in user's.
/// </summary>
public static class DevTokenEndpoints
{
    /// <summary>Under the <c>api</c> prefix, like every other route; local only, so not in <c>ApiRoutes</c>.</summary>
    public const string Route = "dev/tokens";

    // Loopback only, a handful of calls: one client for the process.
    private static readonly HttpClient ProviderClient = new() { Timeout = TimeSpan.FromSeconds(10) };

    public static void MapDevTokens(this IEndpointRouteBuilder api)
    {
        // The body is read by JsonBody (not parameter binding), so malformed JSON is a 400 problem and another
        // Content-Type a 415 problem, never a BadHttpRequestException that the Development pipeline shows as a 500.
        api.MapPost(Route, async (HttpRequest request, DevelopmentTokenIssuer issuer, IConfiguration configuration, CancellationToken cancellationToken) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<DevTokenRequest>(request, cancellationToken);
            if (problem is not null) return problem;
            if (body is null) return Problems.BadRequest("A JSON body {\"subject\": \"...\", \"roles\": [\"admin\"]} is required.");
            if (ResourceId.Validate(body.Subject, "subject") is { } invalid) return Problems.BadRequest(invalid);
            if (!issuer.Enabled && DevelopmentDefaults.OidcAuthority(configuration) is { } authority)
            {
                try
                {
                    using var response = await ProviderClient.PostAsJsonAsync(
                        new Uri(authority + "/dev/tokens"), new { subject = body.Subject, roles = Roles(body) }, cancellationToken);
                    if (!response.IsSuccessStatusCode)
                    {
                        return Problems.BadGateway($"The local OpenID Connect provider at {authority} answered {(int)response.StatusCode}.");
                    }
                    return Results.Ok(await response.Content.ReadFromJsonAsync<DevTokenResponse>(cancellationToken));
                }
                catch (HttpRequestException)
                {
                    return Problems.Unavailable($"The local OpenID Connect provider at {authority} is not reachable (scripts/oidc.sh start).");
                }
            }
            var token = issuer.Issue(body.Subject, Roles(body));
            return Results.Ok(new DevTokenResponse(token, DateTimeOffset.UtcNow + DevelopmentTokenIssuer.Lifetime));
        })
        .Accepts<DevTokenRequest>("application/json")
        .Produces<DevTokenResponse>()
        .WithName("IssueDevelopmentToken")
        .WithSummary("Issues a development JWT (Development environment only).")
        .WithTags("Development");
    }

    /// <summary>The requested roles without null or empty entries.</summary>
    private static List<string> Roles(DevTokenRequest body) => [.. (body.Roles ?? []).Where(r => !string.IsNullOrEmpty(r))];
}

public sealed record DevTokenRequest(string Subject, IReadOnlyList<string>? Roles);

public sealed record DevTokenResponse(string Token, DateTimeOffset ExpiresAt);
