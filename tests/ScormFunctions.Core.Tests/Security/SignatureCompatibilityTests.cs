using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Imports;
using ScormFunctions.Core.Launch;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.Core.Tests.Security;

/// <summary>
/// Launch URLs, import postback URLs and registration postback passwords live outside this process (in browsers, in
/// SCORM Cloud's job and registration settings), so their bytes must never change. The expected values were computed
/// with the signers as they were before they shared one HMAC signer (and agree with Python's hmac + urlsafe_b64encode).
/// </summary>
public sealed class SignatureCompatibilityTests
{
    private static readonly IOptions<SigningOptions> Keys = Options.Create(new SigningOptions
    {
        LaunchKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",     // bytes 0..31
        PostbackKey = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=",   // bytes 32..63
    });

    private const string PreviousPostbackKey = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8="; // bytes 64..95
    private const string RegistrationId = "reg 1/é";

    [Fact]
    public void ALaunchSignatureIssuedBeforeStillVerifies()
    {
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var signer = new LaunchSigner(Keys, Options.Create(new AppOptions { PublicBaseUrl = new Uri("https://api.example.org/") }),
            Options.Create(new RegistrationOptions()), new FakeTimeProvider(now));

        Assert.Equal(LaunchCheck.Valid,
            signer.Verify(RegistrationId, "1795420860", "AAECAwQFBgcICQoLDA0ODw", "4cfI_WOAPvzImReuCyAnG4TBqOzgo4EWRJH9xFmaaj0"));
        Assert.Equal(LaunchCheck.Invalid,
            signer.Verify(RegistrationId, "1795420860", "AAECAwQFBgcICQoLDA0ODw", "4cfI_WOAPvzImReuCyAnG4TBqOzgo4EWRJH9xFmaaj0="));
    }

    [Fact]
    public void TheImportPostbackSignatureIsUnchanged()
    {
        var signer = new ImportPostbackSigner(Keys, Options.Create(new AppOptions { PublicBaseUrl = new Uri("https://api.example.org/base") }));

        Assert.Equal("bE4b1a5c33EFpLre_V2V43keSt-lNSx7IEB5uxcgcTo", signer.Sign("course é/1", "import-1"));
        Assert.Equal(
            "https://api.example.org/base/api/postbacks/imports/import-1?courseId=course%20%C3%A9%2F1&sig=bE4b1a5c33EFpLre_V2V43keSt-lNSx7IEB5uxcgcTo",
            signer.PostbackUrl("course é/1", "import-1").AbsoluteUri);
        Assert.True(signer.Verify("course é/1", "import-1", "bE4b1a5c33EFpLre_V2V43keSt-lNSx7IEB5uxcgcTo"));
    }

    [Fact]
    public void ThePostbackPasswordIsUnchangedAndOneFromThePreviousKeyStillVerifies()
    {
        var rotating = new PostbackCredentials(Options.Create(new SigningOptions
        {
            PostbackKey = Keys.Value.PostbackKey,
            PreviousPostbackKey = PreviousPostbackKey,
        }));

        Assert.Equal("TA8JJVmJ9cgn-jcsI7qkW85ZLwag0GUsCfF_yiRYm6M", new PostbackCredentials(Keys).PasswordFor(RegistrationId));
        Assert.Equal("TA8JJVmJ9cgn-jcsI7qkW85ZLwag0GUsCfF_yiRYm6M", rotating.PasswordFor(RegistrationId));
        Assert.True(rotating.Verify(RegistrationId, "xnSe0ZJ8qlCrOkmRkFZM-LxQmw7ovOH-LKcLZmnemmw"));
        Assert.False(new PostbackCredentials(Keys).Verify(RegistrationId, "xnSe0ZJ8qlCrOkmRkFZM-LxQmw7ovOH-LKcLZmnemmw"));
    }
}
