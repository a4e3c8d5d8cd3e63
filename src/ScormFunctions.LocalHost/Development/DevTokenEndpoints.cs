using ScormFunctions.Core.Http;
using ScormFunctions.Core.Identity;

namespace ScormFunctions.LocalHost.Development;

/// <summary>POST /api/dev/tokens — Development environment of the local host only; never in the Functions app.</summary>
public static class DevTokenEndpoints
{
    public static void MapDevTokens(this IEndpointRouteBuilder api)
    {
        api.MapPost("/dev/tokens", (DevTokenRequest? body, DevelopmentTokenIssuer issuer) =>
        {
            if (body is null) return Problems.BadRequest("A JSON body {\"subject\": \"...\", \"roles\": [\"admin\"]} is required.");
            if (ResourceId.Validate(body.Subject, "subject") is { } invalid) return Problems.BadRequest(invalid);
            var token = issuer.Issue(body.Subject, body.Roles ?? []);
            return Results.Ok(new DevTokenResponse(token, DateTimeOffset.UtcNow + DevelopmentTokenIssuer.Lifetime));
        })
        .WithName("IssueDevelopmentToken")
        .WithSummary("Issues a development JWT (Development environment only).")
        .WithTags("Development");
    }
}

public sealed record DevTokenRequest(string Subject, IReadOnlyList<string>? Roles);

public sealed record DevTokenResponse(string Token, DateTimeOffset ExpiresAt);
