using System.Text;
using ScormFunctions.Core.Events;

namespace ScormFunctions.Core.Tests.Events;

/// <summary>The Standard Webhooks signature: the published test vector, and what a receiver must refuse.</summary>
public sealed class WebhookSignatureTests
{
    // The Standard Webhooks reference vector (the same one its libraries test against): a published value, not a secret.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Body = """{"test": 2432232314}""";
    private const string Expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    [Fact]
    public void SignsThePublishedVectorExactly()
    {
        Assert.Equal(Expected, WebhookSignature.Sign(WebhookSignature.ReadSecret(Secret), Id, Timestamp, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void TheWhsecPrefixIsOptional()
    {
        Assert.Equal(WebhookSignature.ReadSecret(Secret), WebhookSignature.ReadSecret(Secret["whsec_".Length..]));
    }

    [Fact]
    public void VerifiesTheVectorAmongSeveralSignatures()
    {
        Assert.True(Verify(Id, Timestamp.ToString(), "v1,bm9wZQ== " + Expected, Body, SentAt.AddSeconds(30)));
    }

    [Theory]
    [InlineData(Id, """{"test": 2432232315}""", 0)]    // body changed
    [InlineData("msg_other", Body, 0)]                  // id changed
    [InlineData(Id, Body, 301)]                         // too old: a replay
    [InlineData(Id, Body, -301)]                        // from the future
    public void RefusesATamperedOrStaleDelivery(string id, string body, int secondsLater)
    {
        Assert.False(Verify(id, Timestamp.ToString(), Expected, body, SentAt.AddSeconds(secondsLater)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("whsec_c2hvcnQ=")] // 5 bytes
    public void ShortOrMalformedSecretsAreRefused(string? secret)
    {
        Assert.False(WebhookSignature.TryReadSecret(secret, out _));
    }

    private static bool Verify(string id, string timestamp, string signature, string body, DateTimeOffset now) =>
        WebhookSignature.Verify(WebhookSignature.ReadSecret(Secret), id, timestamp, signature, Encoding.UTF8.GetBytes(body), now, TimeSpan.FromMinutes(5));
}
