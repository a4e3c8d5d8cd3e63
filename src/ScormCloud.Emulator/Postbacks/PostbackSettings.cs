using ScormCloud.Emulator.Api;

namespace ScormCloud.Emulator.Postbacks;

/// <summary>A postback as the API describes it (<c>PostBackSchema</c>).</summary>
public sealed record PostBackSchema(string? Url, string? AuthType, string? UserName, string? Password, string? ResultsFormat, bool? Legacy);

/// <summary>Where and how to deliver a registration's postbacks, resolved from its settings.</summary>
public sealed record PostbackTarget(string Url, string AuthType, string? UserName, string? Password, string ResultsFormat);

/// <summary>
/// The registration-level ApiRollupRegistration* settings, their defaults (the postback guide's: form, course, JSON)
/// and the mapping from <c>PostBackSchema</c> (url, authType, userName, password, resultsFormat, legacy → IsJson inverted).
/// </summary>
public static class PostbackSettings
{
    public const string Url = "ApiRollupRegistrationPostBackUrl";
    public const string AuthType = "ApiRollupRegistrationAuthType";
    public const string AuthUser = "ApiRollupRegistrationAuthUser";
    public const string AuthPassword = "ApiRollupRegistrationAuthPassword";
    public const string Format = "ApiRollupRegistrationFormat";
    public const string IsJson = "ApiRollupRegistrationIsJson";

    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>
    {
        [Url] = "",
        [AuthType] = "form",
        [AuthUser] = "",
        [AuthPassword] = "",
        [Format] = "course",
        [IsJson] = "true",
    };

    public static bool IsKnown(string settingId) => Defaults.ContainsKey(settingId);

    /// <summary>Copies the given fields of a <c>PostBackSchema</c> into explicit settings; UNDEFINED enums are skipped.</summary>
    public static void Apply(IDictionary<string, string> settings, PostBackSchema postBack)
    {
        if (postBack.Url is not null) settings[Url] = postBack.Url;
        if (Enum(postBack.AuthType) is { } auth) settings[AuthType] = auth;
        if (postBack.UserName is not null) settings[AuthUser] = postBack.UserName;
        if (postBack.Password is not null) settings[AuthPassword] = postBack.Password;
        if (Enum(postBack.ResultsFormat) is { } format) settings[Format] = format;
        if (postBack.Legacy is { } legacy) settings[IsJson] = legacy ? "false" : "true";
    }

    public static string Effective(IReadOnlyDictionary<string, string> settings, string id) => SettingList.Effective(settings, Defaults, id);

    public static PostbackTarget? Resolve(IReadOnlyDictionary<string, string> settings)
    {
        var url = Effective(settings, Url);
        if (string.IsNullOrWhiteSpace(url)) return null;
        string? Optional(string id) => Effective(settings, id) is { Length: > 0 } v ? v : null;
        return new PostbackTarget(url, Effective(settings, AuthType).ToLowerInvariant(), Optional(AuthUser), Optional(AuthPassword),
            Effective(settings, Format).ToLowerInvariant());
    }

    private static string? Enum(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.Equals("UNDEFINED", StringComparison.OrdinalIgnoreCase) ? null : value.ToLowerInvariant();
}
