using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Launch;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.Core.Tests.Registrations;

public sealed class SigningTests
{
    private static readonly IOptions<SigningOptions> Keys = Options.Create(new SigningOptions
    {
        LaunchKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        PostbackKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    });

    private static LaunchSigner Signer(FakeTimeProvider time, IOptions<SigningOptions>? keys = null) => new(
        keys ?? Keys, Options.Create(new AppOptions { PublicBaseUrl = new Uri("https://api.example.org/base") }),
        Options.Create(new RegistrationOptions()), time);

    private static Dictionary<string, string> Query(Uri url) =>
        url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));

    [Fact]
    public void PostbackPasswordIsDeterministicPerRegistrationAndVerifiesOnlyForIt()
    {
        var credentials = new PostbackCredentials(Keys);

        var password = credentials.PasswordFor("reg-1");

        Assert.Equal(password, credentials.PasswordFor("reg-1"));
        Assert.NotEqual(password, credentials.PasswordFor("reg-2"));
        Assert.True(credentials.Verify("reg-1", password));
        Assert.False(credentials.Verify("reg-2", password));
        Assert.False(credentials.Verify("reg-1", password + "x"));
        Assert.False(credentials.Verify("reg-1", ""));
        Assert.False(credentials.Verify(null, password));
        Assert.False(new PostbackCredentials(Options.Create(new SigningOptions { PostbackKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }))
            .Verify("reg-1", password));
    }

    [Fact]
    public void DuringAKeyRotationCredentialsFromThePreviousPostbackKeyStillVerify()
    {
        var oldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var before = new PostbackCredentials(Options.Create(new SigningOptions { PostbackKey = oldKey }));
        var rotating = new PostbackCredentials(Options.Create(new SigningOptions { PostbackKey = newKey, PreviousPostbackKey = oldKey }));
        var after = new PostbackCredentials(Options.Create(new SigningOptions { PostbackKey = newKey }));
        var issuedBefore = before.PasswordFor("reg-1");

        Assert.True(rotating.Verify("reg-1", issuedBefore));
        Assert.True(rotating.Verify("reg-1", rotating.PasswordFor("reg-1")));
        Assert.Equal(after.PasswordFor("reg-1"), rotating.PasswordFor("reg-1")); // new credentials use the new key
        Assert.False(rotating.Verify("reg-2", issuedBefore));
        Assert.False(after.Verify("reg-1", issuedBefore)); // once the previous key is removed, the old credentials stop working
    }

    [Fact]
    public void AWeakPreviousPostbackKeyFailsValidation()
    {
        var options = new SigningOptions
        {
            LaunchKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            PostbackKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            PreviousPostbackKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(8)),
        };

        var errors = ((System.ComponentModel.DataAnnotations.IValidatableObject)options).Validate(new(options)).ToList();

        Assert.Contains(errors, e => e.MemberNames.Contains("Signing:PreviousPostbackKey"));
    }

    [Fact]
    public void LaunchUrlIsUnderThePublicBaseAndVerifiesUntilItExpires()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var signer = Signer(time);

        var signed = signer.Create("reg 1/x");
        var q = Query(signed.LaunchUrl);

        Assert.StartsWith("https://api.example.org/base/api/registrations/reg%201%2Fx/launch?", signed.LaunchUrl.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(time.GetUtcNow().AddMinutes(2), signed.ExpiresAt);
        Assert.Equal(LaunchCheck.Valid, signer.Verify("reg 1/x", q["exp"], q["nonce"], q["sig"]));
        time.Advance(TimeSpan.FromSeconds(120));
        Assert.Equal(LaunchCheck.Valid, signer.Verify("reg 1/x", q["exp"], q["nonce"], q["sig"]));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(LaunchCheck.Expired, signer.Verify("reg 1/x", q["exp"], q["nonce"], q["sig"]));
    }

    [Fact]
    public void AnyChangeOrAnotherKeyInvalidatesTheSignature()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var signer = Signer(time);
        var q = Query(signer.Create("reg-1").LaunchUrl);
        var otherKey = Signer(time, Options.Create(new SigningOptions { LaunchKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }));

        Assert.Equal(LaunchCheck.Invalid, signer.Verify("reg-2", q["exp"], q["nonce"], q["sig"]));
        Assert.Equal(LaunchCheck.Invalid, signer.Verify("reg-1", (long.Parse(q["exp"], System.Globalization.CultureInfo.InvariantCulture) + 60).ToString(System.Globalization.CultureInfo.InvariantCulture), q["nonce"], q["sig"]));
        Assert.Equal(LaunchCheck.Invalid, signer.Verify("reg-1", q["exp"], q["nonce"] + "A", q["sig"]));
        Assert.Equal(LaunchCheck.Invalid, signer.Verify("reg-1", q["exp"], q["nonce"], q["sig"][..^1]));
        Assert.Equal(LaunchCheck.Invalid, signer.Verify("reg-1", "-5", q["nonce"], q["sig"]));
        Assert.Equal(LaunchCheck.Invalid, signer.Verify("reg-1", null, null, null));
        Assert.Equal(LaunchCheck.Invalid, otherKey.Verify("reg-1", q["exp"], q["nonce"], q["sig"]));
    }

    [Fact]
    public void AnExpiryBeyondTheLaunchUrlLifetimeIsRejectedOnVerify()
    {
        // The two-minute limit holds on verify too, not only on issue: a correctly signed URL whose expiry lies further
        // ahead (a clock running ahead on another instance, a longer lifetime configured elsewhere) is not accepted.
        var now = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
        var ahead = Signer(new FakeTimeProvider(now.AddHours(1)));
        var q = Query(ahead.Create("reg-1").LaunchUrl);

        Assert.Equal(LaunchCheck.Invalid, Signer(new FakeTimeProvider(now)).Verify("reg-1", q["exp"], q["nonce"], q["sig"]));
    }

    [Fact]
    public void EachLaunchUrlHasItsOwnNonce()
    {
        var signer = Signer(new FakeTimeProvider(DateTimeOffset.UtcNow));

        var nonces = Enumerable.Range(0, 50).Select(_ => Query(signer.Create("reg-1").LaunchUrl)["nonce"]).ToHashSet();

        Assert.Equal(50, nonces.Count);
    }

    [Fact]
    public void DeterministicRegistrationIdIsStableValidAndDistinct()
    {
        var id = RegistrationIds.For("course-1", "learner-1");

        Assert.Equal(id, RegistrationIds.For("course-1", "learner-1"));
        Assert.NotEqual(id, RegistrationIds.For("course-1", "learner-2"));
        Assert.NotEqual(RegistrationIds.For("a", "bc"), RegistrationIds.For("ab", "c"));
        Assert.True(Http.ResourceId.IsValid(RegistrationIds.For(new string('c', 255), new string('l', 255))));
    }
}
