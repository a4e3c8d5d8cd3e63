using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Registrations.Retakes;
using ScormFunctions.Core.Tests.Storage;

namespace ScormFunctions.Core.Tests.Registrations;

/// <summary>The reconciliation sweep's query, call budget, 429 backoff and watermark, against a substituted SCORM Cloud on Azurite.</summary>
public sealed class ReconcilerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ScormCloudClient cloud = Substitute.For<ScormCloudClient>();
    private readonly List<RegistrationQuery> queries = [];

    private async Task<RegistrationReconciler> ReconcilerAsync(RegistrationOptions options, TimeProvider? time = null)
    {
        var storage = new StorageTestContext();
        await storage.InitializeAsync();
        time ??= TimeProvider.System;
        var o = Options.Create(options);
        var registrations = new RegistrationRepository(storage.Tables, time);
        var results = new RegistrationResultsStore(registrations, storage.Containers, new RegistrationInstanceHistory(storage.Tables), o, time, NullLogger<RegistrationResultsStore>.Instance);
        return new RegistrationReconciler(cloud, results, storage.Tables, o, time, NullLogger<RegistrationReconciler>.Instance);
    }

    private static RegistrationPage Page(string? more, params (string Id, DateTimeOffset Updated)[] items) =>
        ScormCloudModelFactory.RegistrationPage(items.Select(i => new Registration { Id = i.Id, Updated = i.Updated }), more);

    [Fact]
    public async Task AsksForChangesByUpdateTimeOldestFirstAndFollowsMoreAlone()
    {
        var reconciler = await ReconcilerAsync(new RegistrationOptions { ReconcileInitialLookback = TimeSpan.FromHours(2) });
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-30);
        cloud.GetRegistrationsAsync(Arg.Do<RegistrationQuery>(queries.Add), Arg.Any<CancellationToken>())
            .Returns(Page("p2", ("x1", t0)), Page(null, ("x2", t0.AddMinutes(1))));

        var result = await reconciler.RunAsync(Ct);

        Assert.Equal(2, queries.Count);
        Assert.Equal((RegistrationDateTimeFilter.Updated, RegistrationOrderBy.UpdatedAsc), (queries[0].DateTimeFilter, queries[0].OrderBy));
        Assert.True(queries[0].IncludeChildResults);
        Assert.InRange(queries[0].Since!.Value, DateTimeOffset.UtcNow.AddHours(-2).AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(-2).AddMinutes(1));
        Assert.Equal("p2", queries[1].More);
        Assert.Equal((2, 2, 2, true), (result.Calls, result.Examined, result.Unknown, result.Complete));
        Assert.Equal(t0.AddMinutes(1), result.Watermark);
    }

    [Fact]
    public async Task TheNextRunStartsAnOverlapBeforeTheWatermarkWhichNeverMovesBack()
    {
        var reconciler = await ReconcilerAsync(new RegistrationOptions { ReconcileOverlap = TimeSpan.FromMinutes(3) });
        var newest = DateTimeOffset.UtcNow.AddMinutes(-10);
        cloud.GetRegistrationsAsync(Arg.Do<RegistrationQuery>(queries.Add), Arg.Any<CancellationToken>())
            .Returns(Page(null, ("x1", newest)), Page(null, ("x0", newest.AddHours(-1))), Page(null));

        await reconciler.RunAsync(Ct);
        var second = await reconciler.RunAsync(Ct);
        var third = await reconciler.RunAsync(Ct);

        Assert.Equal(newest.AddMinutes(-3), queries[1].Since);
        Assert.Equal(newest, second.Watermark); // an older report does not move it back
        Assert.Equal(newest.AddMinutes(-3), queries[2].Since);
        Assert.Equal(newest, third.Watermark);
    }

    [Fact]
    public async Task A429BacksOffAndCountsAgainstTheCallBudget()
    {
        var reconciler = await ReconcilerAsync(new RegistrationOptions { ReconcileMaxCalls = 4, ReconcileBackoff = TimeSpan.FromMilliseconds(10) });
        var throttled = new ScormCloudException(429, "Too many requests", "429");
        cloud.GetRegistrationsAsync(Arg.Do<RegistrationQuery>(queries.Add), Arg.Any<CancellationToken>())
            .Returns(
                _ => throw throttled,
                _ => throw throttled,
                _ => Page(null, ("x1", DateTimeOffset.UtcNow)));

        var result = await reconciler.RunAsync(Ct);

        Assert.Equal((3, 2, 1, true), (result.Calls, result.Throttled, result.Examined, result.Complete));
        Assert.All(queries, q => Assert.Null(q.More));
    }

    [Fact]
    public async Task AlwaysThrottledStopsAtTheBudgetWithoutThrowing()
    {
        var reconciler = await ReconcilerAsync(new RegistrationOptions { ReconcileMaxCalls = 3, ReconcileBackoff = TimeSpan.FromMilliseconds(5) });
        cloud.GetRegistrationsAsync(Arg.Any<RegistrationQuery>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new ScormCloudException(429, "Too many requests", "429"));

        var result = await reconciler.RunAsync(Ct);

        Assert.Equal((3, 3, false), (result.Calls, result.Throttled, result.Complete));
        await cloud.Received(3).GetRegistrationsAsync(Arg.Any<RegistrationQuery>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task ACutShortRunStoresItsTokenAndTheNextRunContinuesWithIt()
    {
        var reconciler = await ReconcilerAsync(new RegistrationOptions { ReconcileMaxCalls = 1 });
        var t = DateTimeOffset.UtcNow.AddMinutes(-5);
        cloud.GetRegistrationsAsync(Arg.Do<RegistrationQuery>(queries.Add), Arg.Any<CancellationToken>())
            .Returns(Page("tok-2", ("x1", t)), Page(null, ("x2", t.AddSeconds(1))), Page(null));

        var first = await reconciler.RunAsync(Ct);
        var second = await reconciler.RunAsync(Ct);
        await reconciler.RunAsync(Ct);

        Assert.False(first.Complete);
        Assert.True(second.Complete);
        Assert.Equal("tok-2", queries[1].More);
        Assert.Null(queries[1].Since); // the token is sent alone
        Assert.Null(queries[2].More); // a complete run leaves no token: back to watermark − overlap
        Assert.Equal(t.AddSeconds(1) - new RegistrationOptions().ReconcileOverlap, queries[2].Since);
    }

    [Fact]
    public async Task RunIfDueRunsOnlyAfterTheInterval()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var reconciler = await ReconcilerAsync(new RegistrationOptions { ReconcileInterval = TimeSpan.FromMinutes(5) }, time);
        cloud.GetRegistrationsAsync(Arg.Any<RegistrationQuery>(), Arg.Any<CancellationToken>()).Returns(Page(null));

        var first = await reconciler.RunIfDueAsync(Ct);
        time.Advance(TimeSpan.FromMinutes(2));
        var early = await reconciler.RunIfDueAsync(Ct);
        time.Advance(TimeSpan.FromMinutes(4));
        var due = await reconciler.RunIfDueAsync(Ct);

        Assert.NotNull(first);
        Assert.Null(early);
        Assert.NotNull(due);
        await cloud.Received(2).GetRegistrationsAsync(Arg.Any<RegistrationQuery>(), Arg.Any<CancellationToken>());
    }
}
