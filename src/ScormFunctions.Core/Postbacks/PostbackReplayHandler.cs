using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using ScormFunctions.Core.Http;

namespace ScormFunctions.Core.Postbacks;

/// <summary>
/// POST /api/postbacks/replay — admin (not <c>/api/admin/…</c>: the Functions host reserves routes starting with <c>admin</c>). Body <c>{"registrationId": "...", "from": "...", "to": "..."}</c>: a
/// registration id and/or a time range (ISO 8601; <c>to</c> defaults to now) of archived postbacks to re-apply.
/// Answers 200 with the counts (examined, applied, stale, duplicate, invalid, unknown).
/// </summary>
public sealed class PostbackReplayHandler(PostbackReplayer replayer, TimeProvider time)
{
    public sealed record ReplayRequest(string? RegistrationId, string? From, string? To);

    public async Task<Results<Ok<ReplayResult>, ProblemHttpResult>> ReplayAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReplayRequest>(request, cancellationToken);
        if (problem is not null) return problem;
        if (body!.RegistrationId is not null && Problems.InvalidId(body.RegistrationId, "registrationId") is { } invalid) return invalid;
        if (!TryParse(body.From, out var from) || !TryParse(body.To, out var to))
        {
            return Problems.BadRequest("from and to must be ISO 8601 dates and times, e.g. 2026-01-31T00:00:00Z.");
        }
        if (body.RegistrationId is null && from is null)
        {
            return Problems.BadRequest("Give a registrationId, a time range (from, optionally to), or both.");
        }
        if (from is not null && from > (to ?? time.GetUtcNow())) return Problems.BadRequest("from must not be after to.");
        return TypedResults.Ok(await replayer.ReplayAsync(body.RegistrationId, from, to, cancellationToken));
    }

    private static bool TryParse(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        value = parsed;
        return true;
    }
}
