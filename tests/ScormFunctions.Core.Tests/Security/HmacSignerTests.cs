using System.Security.Cryptography;
using ScormFunctions.Core.Security;

namespace ScormFunctions.Core.Tests.Security;

public sealed class HmacSignerTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] OtherKey = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void TheSignatureIsBase64UrlOfTheHmacOverPurposeAndPartsOnSeparateLines()
    {
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Key, "purpose\na/é\nb"u8.ToArray()))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Equal(expected, new HmacSigner(Key).Sign("purpose", "a/é", "b"));
    }

    [Fact]
    public void OnlyTheSameMessageUnderTheSameKeyVerifies()
    {
        var signer = new HmacSigner(Key);
        var signature = signer.Sign("purpose", "a", "b");

        Assert.True(signer.Verify(signature, "purpose", "a", "b"));
        Assert.False(signer.Verify(signature, "other", "a", "b"));
        Assert.False(signer.Verify(signature, "purpose", "a", "c"));
        Assert.False(signer.Verify(signature, "purpose", "ab"));
        Assert.False(signer.Verify(signature + "=", "purpose", "a", "b"));
        Assert.False(signer.Verify(signature[..^1], "purpose", "a", "b"));
        Assert.False(signer.Verify(null, "purpose", "a", "b"));
        Assert.False(signer.Verify("", "purpose", "a", "b"));
        Assert.False(new HmacSigner(OtherKey).Verify(signature, "purpose", "a", "b"));
    }

    [Fact]
    public void DuringARotationThePreviousKeysSignaturesVerifyAndNewOnesUseTheNewKey()
    {
        var before = new HmacSigner(OtherKey);
        var rotating = new HmacSigner(Key, previousKey: OtherKey);
        var after = new HmacSigner(Key);

        Assert.True(rotating.Verify(before.Sign("p", "x"), "p", "x"));
        Assert.Equal(after.Sign("p", "x"), rotating.Sign("p", "x"));
        Assert.False(after.Verify(before.Sign("p", "x"), "p", "x"));
        Assert.False(rotating.Verify(before.Sign("p", "y"), "p", "x"));
    }
}
