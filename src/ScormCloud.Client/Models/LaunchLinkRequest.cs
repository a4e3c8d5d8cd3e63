using System.Text.Json.Serialization;

namespace ScormCloud.Client.Models;

/// <summary>The body of <c>POST /registrations/{id}/launchLink</c> (V2 <c>LaunchLinkRequestSchema</c>).</summary>
public class LaunchLinkRequest
{
    /// <summary>The smallest expiry the service accepts, in seconds.</summary>
    public const int MinExpirySeconds = 10;

    /// <summary>The largest expiry the service accepts, in seconds.</summary>
    public const int MaxExpirySeconds = 300;

    /// <summary>Creates an empty request; set <see cref="RedirectOnExitUrl"/>.</summary>
    public LaunchLinkRequest()
    {
    }

    /// <summary>Creates a request.</summary>
    /// <param name="redirectOnExitUrl">Where the player goes on exit.</param>
    public LaunchLinkRequest(string redirectOnExitUrl)
    {
        RedirectOnExitUrl = redirectOnExitUrl;
    }

    /// <summary>
    /// Where the player sends the learner on exit (required, never null): an absolute URL, <c>closer</c>, <c>blank</c> or
    /// <c>message</c>, or an empty string to use the configured setting.
    /// </summary>
    [JsonPropertyName("redirectOnExitUrl")]
    public string RedirectOnExitUrl { get; set; } = string.Empty;

    /// <summary>How long the link stays valid, in seconds: default 120, allowed 10–300. Build links on click, never store them.</summary>
    [JsonPropertyName("expiry")]
    public int ExpirySeconds { get; set; } = 120;

    /// <summary>Whether progress is tracked (default <see langword="true"/>); <see langword="false"/> launches a preview.</summary>
    [JsonPropertyName("tracking")]
    public bool Tracking { get; set; } = true;

    /// <summary>The SCO to start at (optional).</summary>
    [JsonPropertyName("startSco")]
    public string? StartSco { get; set; }

    /// <summary>The player culture, for example <c>en-US</c> (optional).</summary>
    [JsonPropertyName("culture")]
    public string? Culture { get; set; }

    /// <summary>A stylesheet URL for the player (optional).</summary>
    [JsonPropertyName("cssUrl")]
    public string? CssUrl { get; set; }
}
