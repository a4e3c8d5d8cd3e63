using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Telemetry;

namespace ScormFunctions.Core.Launch;

/// <summary>
/// The anonymous GET on our signed launch URL: verifies it and uses its nonce, builds SCORM Cloud's launch link just in
/// time and 302s to it (its exit URL is ours, <see cref="LaunchExitHandler"/>). Nothing is ever embedded.
/// </summary>
public sealed class LaunchOpenHandler(
    RegistrationRepository registrations,
    RegistrationRepair repair,
    LaunchSigner signer,
    LaunchNonceStore nonces,
    ScormCloudClient cloud,
    IOptions<AppOptions> app,
    ILogger<LaunchOpenHandler> logger)
{
    // SCORM Cloud's link is followed at once by the browser (we 302 to it), so a short life is enough.
    private const int CloudLinkExpirySeconds = 60;

    /// <summary>
    /// GET /api/registrations/{registrationId}/launch?exp&amp;nonce&amp;sig — anonymous (the signature authenticates).
    /// 302 to SCORM Cloud's player; tampered → 403, expired or reused → 410, each with what to do next.
    /// </summary>
    public async Task<IResult> OpenAsync(HttpRequest request, string registrationId, CancellationToken cancellationToken)
    {
        const string Again = "Go back to your course list and select Launch again; each launch link works once, for two minutes.";
        using var span = ScormTelemetry.Source.StartActivity("launch.open");
        if (ResourceId.Validate(registrationId, "registrationId") is not null)
        {
            return LaunchPage.Error(request, 400, "This launch link is not valid.", Again);
        }
        var q = request.Query;
        var nonce = q["nonce"].ToString();
        switch (signer.Verify(registrationId, q["exp"].ToString(), nonce, q["sig"].ToString()))
        {
            case LaunchCheck.Invalid:
                logger.LogWarning("Launch URL for {RegistrationId} rejected: bad or missing signature", registrationId);
                return LaunchPage.Error(request, 403, "This launch link is not valid.", "The link is incomplete or has been changed. " + Again);
            case LaunchCheck.Expired:
                logger.LogInformation("Launch URL for {RegistrationId} rejected: expired", registrationId);
                return LaunchPage.Error(request, 410, "This launch link has expired.", Again);
        }
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(q["exp"].ToString(), System.Globalization.CultureInfo.InvariantCulture));
        // The nonce write and the record read are independent: one storage round trip of latency, not two (launch bench).
        // The record is only looked at once the nonce is ours.
        var used = nonces.TryUseAsync(nonce, registrationId, expiresAt, cancellationToken);
        var read = registrations.GetAsync(registrationId, cancellationToken);
        try
        {
            await Task.WhenAll(used, read);
        }
        catch (Exception) when (used.IsCompletedSuccessfully && !read.IsCompletedSuccessfully && !used.Result)
        {
            // Already used: the read's outcome does not matter.
        }
        if (!await used)
        {
            logger.LogWarning("Launch URL for {RegistrationId} rejected: already used", registrationId);
            return LaunchPage.Error(request, 410, "This launch link has already been used.", Again);
        }

        span?.SetTag(ScormTags.RegistrationId, registrationId); // signed by us: no longer anonymous input
        using var scope = logger.BeginScope(LogScopes.Registration(registrationId));
        var registration = await read;
        if (registration is null || registration.State == RegistrationState.Deleted)
        {
            return LaunchPage.Error(request, 404, "This course registration no longer exists.", "Ask your administrator to assign the course again.");
        }
        if (registration.State != RegistrationState.Active && await repair.RepairAsync(registration, cancellationToken) is not null)
        {
            return LaunchPage.Error(request, 503, "The course cannot be opened right now.", "Please try again in a few minutes. " + Again);
        }
        try
        {
            var exitUrl = ApiRoutes.Url(app.Value.PublicBaseUrl, ApiRoutes.RegistrationExit, registrationId);
            var link = await cloud.BuildLaunchLinkAsync(registrationId,
                new LaunchLinkRequest(exitUrl.AbsoluteUri) { ExpirySeconds = CloudLinkExpirySeconds }, cancellationToken);
            logger.LogInformation("Launch of {RegistrationId} (course {CourseId}) redirected to SCORM Cloud", registrationId, registration.CourseId);
            return LaunchPage.Redirect(link);
        }
        catch (ScormCloudException ex)
        {
            logger.LogWarning("Launch link for {RegistrationId} failed: SCORM Cloud {Status}", registrationId, ex.Status);
            span.Fail($"SCORM Cloud {ex.Status}");
            return ex.IsNotFound
                ? LaunchPage.Error(request, 404, "This course registration no longer exists.", "Ask your administrator to assign the course again.")
                : LaunchPage.Error(request, 503, "The course cannot be opened right now.", "SCORM Cloud did not answer. Please try again in a few minutes. " + Again);
        }
    }
}
