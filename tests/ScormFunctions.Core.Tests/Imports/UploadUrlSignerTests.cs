using System.Web;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Time.Testing;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Tests.Imports;

/// <summary>The user delegation signer's key cache and the SAS it builds (no storage account needed).</summary>
public sealed class UploadUrlSignerTests
{
    private static readonly BlobClient Blob = new(new Uri("https://acct.blob.core.windows.net/uploads/course-1/abc.zip"));

    [Fact]
    public async Task Delegation_key_is_cached_and_renewed_before_it_would_expire_within_a_url()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var requested = new List<(DateTimeOffset Start, DateTimeOffset Expiry)>();
        var signer = new UserDelegationUploadUrlSigner((start, expiry, _) =>
        {
            requested.Add((start, expiry));
            return Task.FromResult(BlobsModelFactory.UserDelegationKey("oid", "tid", start, expiry, "b", "2025-01-05",
                Convert.ToBase64String(new byte[32])));
        }, () => "acct", time);

        await signer.SignUploadAsync(Blob, time.GetUtcNow().AddMinutes(15), CancellationToken.None);
        await signer.SignReadAsync(Blob, time.GetUtcNow().AddHours(2), CancellationToken.None);
        time.Advance(TimeSpan.FromHours(23));
        await signer.SignUploadAsync(Blob, time.GetUtcNow().AddMinutes(15), CancellationToken.None);
        Assert.Equal(1, signer.KeysFetched); // the key (valid 24 h) still outlives this URL by the renew margin

        time.Advance(TimeSpan.FromMinutes(40));
        await signer.SignUploadAsync(Blob, time.GetUtcNow().AddMinutes(15), CancellationToken.None);

        Assert.Equal(2, signer.KeysFetched);
        Assert.Equal(TimeSpan.FromDays(1), requested[0].Expiry - requested[0].Start - TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Upload_sas_is_https_only_create_write_for_one_blob()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var signer = new UserDelegationUploadUrlSigner((start, expiry, _) => Task.FromResult(
            BlobsModelFactory.UserDelegationKey("oid", "tid", start, expiry, "b", "2025-01-05", Convert.ToBase64String(new byte[32]))),
            () => "acct", time);

        var url = await signer.SignUploadAsync(Blob, time.GetUtcNow().AddMinutes(15), CancellationToken.None);
        var query = HttpUtility.ParseQueryString(url.Query);

        Assert.Equal("/uploads/course-1/abc.zip", url.AbsolutePath);
        Assert.Equal("https", query["spr"]);
        Assert.Equal("cw", query["sp"]);
        Assert.Equal("b", query["sr"]);
        Assert.NotNull(query["skoid"]);
        Assert.Equal("2026-11-23T08:15:00Z", query["se"]);
    }

    [Fact]
    public async Task Delegation_key_is_never_requested_beyond_the_services_seven_days()
    {
        // Imports:FetchUrlLifetime and UploadUrlLifetime may be up to 7 days; the service refuses a key that expires
        // more than 7 days from now, so padding the key by the renew margin must stop there (the URL itself still fits).
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var requested = new List<DateTimeOffset>();
        var signer = new UserDelegationUploadUrlSigner((start, expiry, _) =>
        {
            requested.Add(expiry);
            return Task.FromResult(BlobsModelFactory.UserDelegationKey("oid", "tid", start, expiry, "b", "2025-01-05", Convert.ToBase64String(new byte[32])));
        }, () => "acct", time);

        var url = await signer.SignReadAsync(Blob, time.GetUtcNow().AddDays(7), CancellationToken.None);

        Assert.All(requested, expiry => Assert.True(expiry <= time.GetUtcNow().AddDays(7), $"key requested until {expiry:O}"));
        Assert.Equal("2026-11-30T08:00:00Z", HttpUtility.ParseQueryString(url.Query)["se"]);
    }

    [Fact]
    public void Without_query_strips_the_sas()
    {
        Assert.Equal("https://acct.blob.core.windows.net/uploads/a.zip",
            UploadUrlSigners.WithoutQuery(new Uri("https://acct.blob.core.windows.net/uploads/a.zip?sv=1&sig=secret")));
    }
}
