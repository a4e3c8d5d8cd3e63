namespace ScormFunctions.Core.Launch;

/// <summary>Answer of the launch endpoints: our signed, single-use URL and when it expires.</summary>
public sealed record LaunchResponse(Uri LaunchUrl, DateTimeOffset ExpiresAt, string RegistrationId);
