using System.Net;

namespace ScormCloud.Emulator.Imports;

/// <summary>
/// Downloads the package of a fetch import job to disk, streamed. Only http(s) URLs on loopback hosts are allowed:
/// the emulator is offline and must not become a way to reach other hosts.
/// </summary>
public sealed class PackageFetcher(IHttpClientFactory clients, ILogger<PackageFetcher> logger)
{
    public const string ClientName = "fetch";

    public async Task FetchAsync(string url, string path, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ImportFailedException($"Could not fetch the package: '{url}' is not an http(s) URL.");
        }
        if (!IsLoopback(uri))
        {
            throw new ImportFailedException($"Could not fetch the package: the emulator only fetches from loopback hosts, not '{uri.Host}'.");
        }
        var client = clients.CreateClient(ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new ImportFailedException($"Could not fetch the package from {uri.GetLeftPart(UriPartial.Path)}: {e.Message}");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ImportFailedException(
                    $"Could not fetch the package from {uri.GetLeftPart(UriPartial.Path)}: HTTP {(int)response.StatusCode}.");
            }
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await body.CopyToAsync(file, ct);
        }
        logger.LogInformation("Fetched package from {Url} to {Path}", uri.GetLeftPart(UriPartial.Path), path);
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
