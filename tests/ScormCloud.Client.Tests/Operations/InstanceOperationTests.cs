using System.Net;
using ScormCloud.Client.Models;
using ScormCloud.Client.Tests.Infrastructure;

namespace ScormCloud.Client.Tests.Operations;

/// <summary>
/// Registration instances and course configuration on the wire. Paths and parameters from Rustici's generated .NET client
/// v4.0.0 (scormcloud-api-v2-client-net <c>Api/RegistrationApi.cs</c>: CreateNewRegistrationInstance,
/// GetRegistrationInstances, GetRegistrationInstanceProgress; <c>Api/CourseApi.cs</c>: Get/SetCourseConfiguration).
/// </summary>
public sealed class InstanceOperationTests : IDisposable
{
    private readonly ClientHarness _harness = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task CreateInstancePostsNoBodyToTheInstancesPath()
    {
        _harness.Handler.Enqueue(HttpStatusCode.NoContent);

        await _harness.Client.CreateRegistrationInstanceAsync("reg 1", Ct);

        var request = Assert.Single(_harness.Handler.Requests);
        Assert.Equal((HttpMethod.Post, "/api/v2/registrations/reg%201/instances"), (request.Method, request.PathAndQuery));
        Assert.Empty(request.BodyText);
    }

    [Fact]
    public async Task CreateInstanceIsNeverRetriedBecauseARepeatWouldCreateASecondInstance()
    {
        // A retry would reach the answers queued behind each failure and succeed.
        _harness.Handler
            .Enqueue(HttpStatusCode.ServiceUnavailable, """{"message":"busy"}""")
            .EnqueueException(new HttpRequestException("reset"))
            .Enqueue(HttpStatusCode.NoContent)
            .Enqueue(HttpStatusCode.NoContent);

        var unavailable = await Assert.ThrowsAsync<ScormCloudException>(() => _harness.Client.CreateRegistrationInstanceAsync("r1", Ct));
        var lost = await Assert.ThrowsAsync<ScormCloudException>(() => _harness.Client.CreateRegistrationInstanceAsync("r1", Ct));

        Assert.Equal((503, true), (unavailable.Status, unavailable.IsTransient));
        Assert.Equal(0, lost.Status);
        Assert.Equal(2, _harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task InstanceProgressAddressesOneInstanceAndReadsItsCourseVersion()
    {
        _harness.Handler
            .Enqueue(HttpStatusCode.ServiceUnavailable)
            .Enqueue(HttpStatusCode.OK, """
                {"id":"r1","instance":2,"registrationCompletion":"COMPLETED","registrationSuccess":"PASSED","score":{"scaled":75},
                 "course":{"id":"c1","title":"Course","version":3}}
                """);

        var instance = await _harness.Client.GetRegistrationInstanceProgressAsync(
            "r1", 2, new RegistrationProgressOptions { IncludeChildResults = true }, Ct);

        Assert.Equal((2, RegistrationCompletion.Completed, 75.0, 3), (instance.Instance, instance.RegistrationCompletion, instance.Score?.Scaled, instance.Course?.Version));
        Assert.Equal(2, _harness.Handler.Requests.Count);
        Assert.Equal("/api/v2/registrations/r1/instances/2?includeChildResults=true&includeInteractionsAndObjectives=false&includeRuntime=false",
            _harness.Handler.Requests[1].PathAndQuery);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _harness.Client.GetRegistrationInstanceProgressAsync("r1", -1, cancellationToken: Ct));
        Assert.Equal(2, _harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task InstanceListsSendTheirFiltersFirstAndMoreAlone()
    {
        _harness.Handler
            .Enqueue(HttpStatusCode.OK, """{"registrations":[{"id":"r1","instance":0},{"id":"r1","instance":1}],"more":"t2"}""")
            .Enqueue(HttpStatusCode.OK, """{"registrations":[{"id":"r1","instance":2}]}""");

        var instances = new List<int>();
        await foreach (var r in _harness.Client.GetAllRegistrationInstancesAsync("r1", new RegistrationInstanceQuery
        {
            Since = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero),
            Until = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            IncludeRuntime = true,
        }, Ct))
        {
            instances.Add(r.Instance);
        }

        Assert.Equal([0, 1, 2], instances);
        Assert.Equal(
            ["/api/v2/registrations/r1/instances?since=2026-11-30T10%3A00%3A00.000Z&until=2026-12-01T00%3A00%3A00.000Z&includeRuntime=true",
             "/api/v2/registrations/r1/instances?more=t2"],
            _harness.Handler.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task AnInstanceListWithoutFiltersSendsNone()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """{"registrations":[]}""");

        var page = await _harness.Client.GetRegistrationInstancesAsync("r1", cancellationToken: Ct);

        Assert.Empty(page.Registrations);
        Assert.Null(page.More);
        Assert.Equal("/api/v2/registrations/r1/instances", Assert.Single(_harness.Handler.Requests).PathAndQuery);
    }

    [Fact]
    public async Task CourseConfigurationSetsWhenToRestartRegistrationAndIsRetried()
    {
        _harness.Handler.Enqueue(HttpStatusCode.BadGateway).Enqueue(HttpStatusCode.NoContent);

        await _harness.Client.SetCourseConfigurationAsync(
            "c1", [WhenToRestartRegistration.Setting(WhenToRestartRegistration.WhenCompleteAndNewerVersionExists)], Ct);

        Assert.Equal(2, _harness.Handler.Requests.Count);
        var request = _harness.Handler.Requests[1];
        Assert.Equal((HttpMethod.Post, "/api/v2/courses/c1/configuration"), (request.Method, request.PathAndQuery));
        Assert.Equal(
            """{"settings":[{"settingId":"WhenToRestartRegistration","value":"WHEN_EXISTING_REG_IS_COMPLETE_AND_NEWER_PACKAGE_VERSION_EXISTS","explicit":true}]}""",
            request.BodyText);
    }

    // Model/SettingMetadata.cs validValues: List<SettingValidValue>; Model/SettingValidValue.cs: value, valueDescription.
    [Fact]
    public async Task CourseConfigurationReadsValuesAndValidValues()
    {
        _harness.Handler.Enqueue(HttpStatusCode.OK, """
            {"settingItems":[{"id":"WhenToRestartRegistration","effectiveValue":"NEVER","effectiveValueSource":"default",
              "metadata":{"default":"NEVER","validValues":[{"value":"NEVER","valueDescription":"Keep"},{"value":"WHEN_NEWER_PACKAGE_VERSION_EXISTS"}]}}]}
            """);

        var settings = await _harness.Client.GetCourseConfigurationAsync("c 1", includeMetadata: true, Ct);

        Assert.Equal("/api/v2/courses/c%201/configuration?includeMetadata=true", Assert.Single(_harness.Handler.Requests).PathAndQuery);
        var setting = Assert.Single(settings);
        Assert.Equal(("NEVER", "default", null), (setting.EffectiveValue, setting.EffectiveValueSource, setting.ExplicitValue));
        Assert.Equal([("NEVER", "Keep"), ("WHEN_NEWER_PACKAGE_VERSION_EXISTS", null)],
            setting.Metadata!.ValidValues.Select(v => (v.Value, v.ValueDescription)));
    }

    [Fact]
    public void TheModelFactoryBuildsInstancesOnACourseVersion()
    {
        var registration = ScormCloudModelFactory.Registration("r1", "c1", "l1", instance: 2, courseVersion: 3, courseTitle: "Course");
        var setting = ScormCloudModelFactory.RegistrationSetting(WhenToRestartRegistration.SettingId, "NEVER",
            metadata: ScormCloudModelFactory.RegistrationSettingMetadata("NEVER", validValues: [ScormCloudModelFactory.SettingValidValue("NEVER")]));

        Assert.Equal((2, "c1", 3, "Course"), (registration.Instance, registration.Course?.Id, registration.Course?.Version, registration.Course?.Title));
        Assert.Equal("NEVER", Assert.Single(setting.Metadata!.ValidValues).Value);
    }
}
