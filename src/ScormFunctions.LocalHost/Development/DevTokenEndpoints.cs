using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;

namespace ScormFunctions.LocalHost.Development;

/// <summary>POST /api/dev/tokens — Development environment of the local host only; never in the Functions app.</summary>
public static class DevTokenEndpoints
{
    public static void MapDevTokens(this IEndpointRouteBuilder api)
    {
        // The body is read by JsonBody (not parameter binding), so malformed JSON is a 400 problem and another
        // Content-Type a 415 problem, never a BadHttpRequestException that the Development pipeline shows as a 500.
        api.MapPost("/dev/tokens", async (HttpRequest request, DevelopmentTokenIssuer issuer, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<DevTokenRequest>(request, ct);
            if (problem is not null) return problem;
            if (body is null) return Problems.BadRequest("A JSON body {\"subject\": \"...\", \"roles\": [\"admin\"]} is required.");
            if (ResourceId.Validate(body.Subject, "subject") is { } invalid) return Problems.BadRequest(invalid);
            var token = issuer.Issue(body.Subject, (body.Roles ?? []).Where(r => !string.IsNullOrEmpty(r)).ToList());
            return Results.Ok(new DevTokenResponse(token, DateTimeOffset.UtcNow + DevelopmentTokenIssuer.Lifetime));
        })
        .Accepts<DevTokenRequest>("application/json")
        .Produces<DevTokenResponse>()
        .WithName("IssueDevelopmentToken")
        .WithSummary("Issues a development JWT (Development environment only).")
        .WithTags("Development");
    }
}

public sealed record DevTokenRequest(string Subject, IReadOnlyList<string>? Roles);

public sealed record DevTokenResponse(string Token, DateTimeOffset ExpiresAt);
