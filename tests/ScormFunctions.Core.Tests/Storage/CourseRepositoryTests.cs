using ScormFunctions.Core.Courses;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Tests.Storage;

public sealed class CourseRepositoryTests(StorageTestContext storage) : IClassFixture<StorageTestContext>
{
    private CourseRepository Courses => new(storage.Tables, TimeProvider.System);

    [Fact]
    public async Task GetOrCreateReturnsTheSameRecordTwice()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = "course-" + Guid.NewGuid();

        var first = await Courses.GetOrCreateAsync(id, ct);
        first.Title = "Kept";
        await Courses.UpdateAsync(first, ct);
        var second = await Courses.GetOrCreateAsync(id, ct);

        Assert.Equal("Kept", second.Title);
        Assert.Equal(CourseStatus.New, second.Status);
    }

    [Fact]
    public async Task ConcurrentGetOrCreateMakesOneRecord()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = "course-" + Guid.NewGuid();

        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Courses.GetOrCreateAsync(id, ct)));

        Assert.Single(all.Select(c => c.CreatedAt).Distinct());
    }

    [Fact]
    public async Task UpdateWithStaleETagThrowsAndKeepsTheNewerWrite()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = "course-" + Guid.NewGuid();
        await Courses.GetOrCreateAsync(id, ct);
        var reader1 = (await Courses.GetAsync(id, ct))!;
        var reader2 = (await Courses.GetAsync(id, ct))!;

        reader1.Title = "first writer";
        await Courses.UpdateAsync(reader1, ct);
        reader2.Title = "second writer, stale";

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Courses.UpdateAsync(reader2, ct));
        Assert.Equal("first writer", (await Courses.GetAsync(id, ct))!.Title);
    }

    [Fact]
    public async Task UpdateWithRetryAppliesEveryConcurrentChange()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = "course-" + Guid.NewGuid();
        await Courses.GetOrCreateAsync(id, ct);

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Courses.UpdateWithRetryAsync(id, c => { c.Version = (c.Version ?? 0) + 1; return true; }, ct)));

        Assert.Equal(5, (await Courses.GetAsync(id, ct))!.Version);
    }

    [Fact]
    public async Task ListPagesAndSkipsDeletedCourses()
    {
        var ct = TestContext.Current.CancellationToken;
        var prefix = "list-" + Guid.NewGuid().ToString("N")[..6] + "-";
        for (var i = 0; i < 5; i++) await Courses.GetOrCreateAsync(prefix + i, ct);
        await Courses.UpdateWithRetryAsync(prefix + 2, c => { c.Status = CourseStatus.Deleted; return true; }, ct);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Courses.ListAsync(2, token, ct);
            seen.AddRange(page.Items.Select(c => c.RowKey).Where(k => k.StartsWith(prefix, StringComparison.Ordinal)));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 50);

        Assert.Equal([prefix + 0, prefix + 1, prefix + 3, prefix + 4], seen);
        Assert.True(pages > 1);
    }
}
