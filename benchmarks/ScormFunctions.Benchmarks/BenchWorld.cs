using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Courses;
using ScormFunctions.Testing;

namespace ScormFunctions.Benchmarks;

/// <summary>An in-process emulator, the local host on it (over HTTP on 127.0.0.1), one course imported into both, an admin client.</summary>
internal sealed class BenchWorld : IAsyncDisposable
{
    public const string Package = "synthetic_scorm12_minimal_autopass.zip";

    private BenchWorld(EmulatorServer emulator, LocalHostServer host, HttpClient admin)
    {
        Emulator = emulator;
        Host = host;
        Admin = admin;
    }

    public EmulatorServer Emulator { get; }

    public LocalHostServer Host { get; }

    public HttpClient Admin { get; }

    /// <summary>The host's own SCORM Cloud client (for the direct, floor calls).</summary>
    public ScormCloudClient Cloud => Host.Services.GetRequiredService<ScormCloudClient>();

    public static async Task<BenchWorld> StartAsync(
        IDictionary<string, string?>? settings = null, Action<IDictionary<string, string?>>? emulatorSettings = null, CallCounter? calls = null)
    {
        var emulator = await EmulatorServer.StartAsync(emulatorSettings,
            calls is null ? null : b => b.Services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(calls));
        var all = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var host = await LocalHostServer.StartAsync(all, emulator: emulator);
        var admin = await host.ClientForAsync("bench-admin", "admin");
        return new BenchWorld(emulator, host, admin);
    }

    /// <summary>Imports the package into the emulator directly and records the course as ready (as the functional tests do).</summary>
    public async Task ImportCourseAsync(string courseId)
    {
        await using (var file = File.OpenRead(RepoPaths.Package(Package)))
        {
            var jobId = await Cloud.CreateUploadImportJobAsync(courseId, file, new UploadImportOptions { FileName = Package });
            for (var i = 0; ; i++)
            {
                var job = await Cloud.GetImportJobStatusAsync(jobId);
                if (job.Status == ImportJobStatus.Complete) break;
                if (job.Status == ImportJobStatus.Error || i > 400) throw new InvalidOperationException($"import of {courseId}: {job.Status} {job.Message}");
                await Task.Delay(50);
            }
        }
        var courses = Host.Services.GetRequiredService<CourseRepository>();
        await courses.GetOrCreateAsync(courseId, CancellationToken.None);
        await courses.UpdateWithRetryAsync(courseId, c =>
        {
            c.Status = CourseStatus.Ready;
            c.Version = 1;
            return true;
        }, CancellationToken.None);
    }

    /// <summary>POST /api/registrations (admin): our record, then SCORM Cloud's create.</summary>
    public async Task AssignAsync(string courseId, string registrationId, string learnerId)
    {
        using var response = await Admin.PostAsJsonAsync("api/registrations", new
        {
            registrationId,
            courseId,
            learner = new { id = learnerId, firstName = "Ada", lastName = "Lovelace", email = "ada@example.org" },
        });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"assign {registrationId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
