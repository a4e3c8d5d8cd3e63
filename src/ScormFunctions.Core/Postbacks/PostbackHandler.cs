using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using Microsoft.Extensions.Options;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Privacy;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core.Postbacks;

/// <summary>
/// POST /api/postbacks/registrations — anonymous at the platform level; authenticated by the per-registration
/// credentials we gave SCORM Cloud (user name = registration id, password = HMAC of it, compared in constant time).
/// Accepts <c>form</c> (<c>data</c> + <c>userName</c>/<c>username</c> + <c>password</c>) and <c>httpbasic</c> (body + Basic
/// auth), with V2 JSON or V1 XML payloads. Bad credentials → 401; malformed → 400 (after archiving); otherwise 200 once
/// the outcome is stored — including for registrations we no longer have (deleted): 200 + log + archive, because any
/// 4xx/5xx makes SCORM Cloud retry up to 70 times for nothing (for one a learner deletion erased, the archived copy is
/// deleted again: <see cref="ErasedRegistrations"/>).
/// An unauthenticated request costs O(KiB): Basic credentials are checked before the body is read; a form post is refused
/// outright unless <see cref="RegistrationOptions.PostbackAuthType"/> is <c>Form</c>, and then scanned as a stream (credentials
/// first when they come first; a <c>data</c> field that precedes them is spooled to a temporary file, not memory); large or
/// undeclared bodies hold one of <see cref="RegistrationOptions.MaxConcurrentLargePostbacks"/> slots (503 + Retry-After otherwise).
/// </summary>
public sealed class PostbackHandler(
    PostbackCredentials credentials,
    RegistrationResultsStore results,
    PostbackArchive archive,
    PostbackBodyGate gate,
    ErasedRegistrations erased,
    IOptions<RegistrationOptions> options,
    ILogger<PostbackHandler> logger)
{
    /// <summary>Largest accepted body (FULL results with many interactions can be large).</summary>
    public const int MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>Bodies declared at most this long are read without a slot of <see cref="PostbackBodyGate"/>.</summary>
    public const int SmallBodyBytes = 64 * 1024;

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var span = ScormTelemetry.Source.StartActivity("postback.receive");
        var seen = new PostbackSeen();
        var result = await ReceiveCoreAsync(request, seen, cancellationToken);
        span?.SetTag(ScormTags.RegistrationId, seen.RegistrationId);
        span?.SetTag(ScormTags.Outcome, seen.Outcome);
        if (seen.Outcome is "unauthorized" or "invalid" or "deferred") span.Fail(seen.Outcome);
        ScormTelemetry.Postbacks.Add(1, new KeyValuePair<string, object?>(ScormTags.Outcome, seen.Outcome));
        return result;
    }

    /// <summary>What the span and the counter say about one postback: set where the handler decides.</summary>
    private sealed class PostbackSeen
    {
        public string Outcome { get; set; } = "invalid";

        /// <summary>Set only once the credentials are verified (anonymous input is never a tag).</summary>
        public string? RegistrationId { get; set; }
    }

    private async Task<IResult> ReceiveCoreAsync(HttpRequest request, PostbackSeen seen, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return TooLarge();
        var isForm = IsForm(request.ContentType);
        if (isForm && options.Value.PostbackAuthType != PostBackAuthType.Form)
        {
            // SCORM Cloud was told to use httpbasic: a form post is nobody we asked; refuse it before reading a byte.
            logger.LogWarning("Postback rejected: a form post while Registrations:PostbackAuthType is {AuthType} ({Length} bytes declared)",
                options.Value.PostbackAuthType, request.ContentLength);
            return Problems.UnsupportedMediaType(request.ContentType, "Postbacks are delivered as httpbasic (a JSON or XML body with Basic credentials); form posts are refused.");
        }
        var delivery = isForm ? "form" : "httpbasic";
        var (headerUser, headerPassword) = BasicCredentials(request);
        var headerVerified = credentials.Verify(headerUser, headerPassword);
        if (!isForm && !headerVerified)
        {
            // The credentials are in the header: reject before reading the body at all.
            logger.LogWarning("Postback rejected: bad or missing credentials ({Delivery}, {Length} bytes declared)", delivery, request.ContentLength);
            seen.Outcome = "unauthorized";
            return Unauthorized();
        }

        // Large (or undeclared) bodies hold one of a few slots while they are read: bounded memory and disk, whoever sends.
        var small = request.ContentLength <= SmallBodyBytes;
        using var slot = small ? null : await gate.TryEnterAsync(cancellationToken);
        if (!small && slot is null)
        {
            logger.LogWarning("Postback deferred: {Limit} large postbacks are being read already ({Delivery})", gate.Limit, delivery);
            seen.Outcome = "deferred";
            return Busy();
        }

        string? payload, userName;
        if (isForm)
        {
            var scan = await FormScan.ReadAsync(request.Body, headerVerified, credentials, cancellationToken);
            if (scan.Problem is { } formProblem)
            {
                if (formProblem == FormScan.Rejected)
                {
                    logger.LogWarning("Postback rejected: bad or missing credentials ({Delivery}, {Length} bytes read)", delivery, scan.BytesRead);
                    seen.Outcome = "unauthorized";
                    return Unauthorized();
                }
                return formProblem == FormScan.Oversized ? TooLarge() : Problems.BadRequest(formProblem, "Malformed postback.");
            }
            userName = scan.VerifiedUser ?? headerUser; // the form's pair when it sent one, else the verified header
            payload = scan.Data;
        }
        else
        {
            payload = await ReadBodyAsync(request, cancellationToken);
            if (payload is null) return TooLarge();
            userName = headerUser;
        }

        var registrationId = userName!;
        seen.RegistrationId = registrationId;
        using var scope = logger.BeginScope(LogScopes.Registration(registrationId));
        var kind = PostbackPayload.KindOf(payload);
        string blob;
        try
        {
            blob = await archive.SaveAsync(registrationId, payload ?? "", kind, new Dictionary<string, string>
            {
                ["delivery"] = delivery,
                ["registrationid"] = Uri.EscapeDataString(registrationId),
            }, cancellationToken);
        }
        catch (Azure.RequestFailedException ex)
        {
            // Nothing is processed unarchived; SCORM Cloud retries.
            logger.LogError(ex, "Postback for {RegistrationId} could not be archived", registrationId);
            seen.Outcome = "deferred";
            return Problems.Unavailable("The postback could not be stored; it will be retried.");
        }

        Registration reported;
        try
        {
            reported = PostbackPayload.Parse(payload);
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            logger.LogWarning("Postback for {RegistrationId} is malformed ({Kind}, archived as {Blob}): {Error}", registrationId, kind, blob, ex.Message);
            return Problems.BadRequest($"The postback payload is not a registration report: {ex.Message}", "Malformed postback.");
        }
        if (!string.Equals(reported.Id, registrationId, StringComparison.Ordinal))
        {
            logger.LogWarning("Postback credentials for {RegistrationId} carried a report for another registration (archived as {Blob})", registrationId, blob);
            return Problems.Forbidden("The credentials do not belong to the registration in the payload.");
        }

        ResultsApplyOutcome outcome;
        using (ScormTelemetry.Source.StartActivity("postback.apply")?.SetTag(ScormTags.RegistrationId, registrationId))
        {
            outcome = await results.ApplyAsync(registrationId, reported, "postback", cancellationToken);
        }
        seen.Outcome = outcome.ToString().ToLowerInvariant();
        if (outcome == ResultsApplyOutcome.Unknown)
        {
            if (await erased.DiscardIfErasedAsync(registrationId, blob, cancellationToken))
            {
                // A learner deletion erased this registration: acknowledged as any unknown one, but not kept.
                logger.LogInformation("Postback for an erased registration acknowledged and discarded");
            }
            else
            {
                logger.LogWarning("Postback for unknown or deleted registration {RegistrationId} acknowledged (archived as {Blob})", registrationId, blob);
            }
        }
        return Results.Ok(new { outcome = outcome.ToString().ToLowerInvariant() });
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Sized from Content-Length when declared (no regrowth), read through a pooled chunk: no 80 KiB array per request.
        using var buffer = new MemoryStream(request.ContentLength is > 0 and <= SmallBodyBytes ? (int)request.ContentLength.Value : 4096);
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes) return null;
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith(Encoding.UTF8.Preamble)) bytes = bytes[Encoding.UTF8.Preamble.Length..];
        return Encoding.UTF8.GetString(bytes);
    }

    private static bool IsForm(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && string.Equals(media.MediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static (string? User, string? Password) BasicCredentials(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return (null, null);
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            // Our user names are registration ids, which may contain ':'; our passwords (base64url) never do.
            var colon = decoded.LastIndexOf(':');
            return colon < 0 ? (null, null) : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    private static IResult Unauthorized() => new WithHeader(
        Problems.Unauthorized("The postback credentials are missing or wrong."), "WWW-Authenticate", "Basic realm=\"postbacks\", charset=\"UTF-8\"");

    private static IResult Busy() => new WithHeader(
        Problems.Unavailable("Too many large postbacks are being received; retry shortly."), "Retry-After", "5");

    private static IResult TooLarge() => Results.Problem(
        detail: $"The postback is larger than {MaxBodyBytes / (1024 * 1024)} MiB.", title: "Payload too large.", statusCode: StatusCodes.Status413PayloadTooLarge);

    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[name] = value;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
