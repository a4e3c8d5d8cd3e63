using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

/// <summary>Every importable SCORM package launches: the player's content URL points at a file that was extracted.</summary>
public sealed partial class PlayerContentTests
{
    [Theory]
    [InlineData("scorm12_golf_runtime_basic_calls_single_sco.zip", "scorm12")]
    [InlineData("scorm12_golf_runtime_minimum_calls_multi_sco.zip", "scorm12")]
    [InlineData("scorm2004_3rd_golf_runtime_basic_calls_single_sco.zip", "scorm2004")]
    [InlineData("scorm2004_3rd_golf_sequencing_simple_remediation.zip", "scorm2004")]
    [InlineData("scorm2004_4th_golf_sequencing_posttest_rollup.zip", "scorm2004")]
    [InlineData("edge_xml_base.zip", null)]
    [InlineData("edge_backslash_paths.zip", null)]
    [InlineData("edge_uppercase_manifest_name.zip", null)]
    [InlineData("moodle_complexscorm.zip", "scorm12")]
    [InlineData("moodle_singlescobasic_missingorg.zip", "scorm12")]
    public async Task LaunchedPackageServesItsLaunchFile(string package, string? api)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        await client.ImportAsync("c", package);
        await client.CreateRegistrationAsync("c", "r");
        using var browser = new HttpClient { BaseAddress = server.Origin };

        var html = await browser.GetStringAsync(await client.LaunchLinkAsync("r"), Api.Ct);
        var contentUrl = ContentUrl().Match(html).Groups[1].Value;
        using var launchFile = await browser.GetAsync(contentUrl, Api.Ct);

        Assert.Equal(HttpStatusCode.OK, launchFile.StatusCode);
        if (api is not null) Assert.Contains($"\"api\":\"{api}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UploadLargerThanKestrelsDefaultBodyLimitIsStreamedAndImports()
    {
        var zip = Path.Combine(Path.GetTempPath(), $"emulator-large-{Guid.NewGuid():N}.zip");
        try
        {
            await using (var output = File.Create(zip))
            await using (var archive = new ZipArchive(output, ZipArchiveMode.Create))
            {
                await using (var source = new ZipArchive(File.OpenRead(RepoPaths.Package("synthetic_scorm12_minimal_autopass.zip"))))
                {
                    foreach (var entry in source.Entries)
                    {
                        await using var from = await entry.OpenAsync(Api.Ct);
                        await using var to = await archive.CreateEntry(entry.FullName).OpenAsync(Api.Ct);
                        await from.CopyToAsync(to, Api.Ct);
                    }
                }
                await using var filler = await archive.CreateEntry("media/noise.bin", CompressionLevel.NoCompression).OpenAsync(Api.Ct);
                var block = new byte[1024 * 1024];
                for (var i = 0; i < 40; i++)
                {
                    Random.Shared.NextBytes(block);
                    await filler.WriteAsync(block, Api.Ct);
                }
            }
            await using var server = await EmulatorServer.StartAsync();
            using var client = server.CreateClient();

            using var upload = await client.UploadAsync("large", zip);
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
            var job = await client.WaitForJobAsync((await upload.JsonAsync()).GetProperty("result").GetString()!);

            Assert.Equal("COMPLETE", job.GetProperty("status").GetString());
        }
        finally
        {
            File.Delete(zip);
        }
    }

    [GeneratedRegex("\"contentUrl\":\"([^\"]+)\"")]
    private static partial Regex ContentUrl();
}
