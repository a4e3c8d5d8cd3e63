using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace ScormFunctions.Core.Storage;

/// <summary>
/// User delegation SAS signed with a key obtained through the managed identity (needs Storage Blob Data
/// Contributor/Owner). The key is cached and renewed before it would expire within a URL's lifetime; URLs are HTTPS-only.
/// </summary>
public sealed class UserDelegationUploadUrlSigner : IUploadUrlSigner
{
    /// <summary>Lifetime of a requested delegation key (the service allows up to 7 days).</summary>
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(1);

    /// <summary>The service refuses a key that expires more than this from now.</summary>
    public static readonly TimeSpan MaxKeyLifetime = TimeSpan.FromDays(7);

    /// <summary>A cached key is renewed when it would expire less than this after the URL being signed.</summary>
    public static readonly TimeSpan RenewMargin = TimeSpan.FromMinutes(30);

    private readonly Func<DateTimeOffset, DateTimeOffset, CancellationToken, Task<UserDelegationKey>> getKey;
    private readonly Func<string> accountName;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim gate = new(1, 1);
    private UserDelegationKey? cached;

    public UserDelegationUploadUrlSigner(BlobServiceClient service, TimeProvider time)
        : this(async (start, expiry, ct) => (await service.GetUserDelegationKeyAsync(start, expiry, ct)).Value, () => service.AccountName, time)
    {
    }

    /// <summary>For tests: a key source and account name without a storage account.</summary>
    internal UserDelegationUploadUrlSigner(
        Func<DateTimeOffset, DateTimeOffset, CancellationToken, Task<UserDelegationKey>> getKey, Func<string> accountName, TimeProvider time)
    {
        this.getKey = getKey;
        this.accountName = accountName;
        this.time = time;
    }

    /// <summary>How many keys were fetched (for tests and diagnostics).</summary>
    public int KeysFetched { get; private set; }

    public Task<Uri> SignUploadAsync(BlobClient blob, DateTimeOffset expiresOn, CancellationToken cancellationToken) =>
        SignAsync(blob, expiresOn, BlobSasPermissions.Create | BlobSasPermissions.Write, cancellationToken);

    public Task<Uri> SignReadAsync(BlobClient blob, DateTimeOffset expiresOn, CancellationToken cancellationToken) =>
        SignAsync(blob, expiresOn, BlobSasPermissions.Read, cancellationToken);

    private async Task<Uri> SignAsync(BlobClient blob, DateTimeOffset expiresOn, BlobSasPermissions permissions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var now = time.GetUtcNow();
        var key = await KeyAsync(now, expiresOn, cancellationToken);
        var builder = SasBuilders.ForBlob(blob, now, expiresOn, SasProtocol.Https);
        builder.SetPermissions(permissions);
        return new BlobUriBuilder(blob.Uri) { Sas = builder.ToSasQueryParameters(key, accountName()) }.ToUri();
    }

    private async Task<UserDelegationKey> KeyAsync(DateTimeOffset now, DateTimeOffset neededUntil, CancellationToken cancellationToken)
    {
        if (IsUsable(cached, neededUntil)) return cached!;
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (IsUsable(cached, neededUntil)) return cached!;
            var expiry = now + KeyLifetime;
            if (expiry < neededUntil + RenewMargin) expiry = neededUntil + RenewMargin;
            if (expiry > now + MaxKeyLifetime) expiry = now + MaxKeyLifetime; // still covers a URL of at most 7 days
            cached = await getKey(now - SasBuilders.Skew, expiry, cancellationToken);
            KeysFetched++;
            return cached;
        }
        finally
        {
            gate.Release();
        }
    }

    private static bool IsUsable(UserDelegationKey? key, DateTimeOffset neededUntil) =>
        key is not null && key.SignedExpiresOn >= neededUntil + RenewMargin;
}
