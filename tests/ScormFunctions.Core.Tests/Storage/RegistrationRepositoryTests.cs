using Azure;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Tests.Storage;

public sealed class RegistrationRepositoryTests(StorageTestContext storage) : IClassFixture<StorageTestContext>
{
    private RegistrationRepository Registrations => new(storage.Tables, TimeProvider.System);

    private static RegistrationEntity New(string courseId, string learnerId) => new()
    {
        PartitionKey = "reg-" + Guid.NewGuid(),
        CourseId = courseId,
        LearnerId = learnerId,
    };

    [Fact]
    public async Task RegistrationsAreFoundByCourseAndByLearner()
    {
        var ct = TestContext.Current.CancellationToken;
        var course = "c-" + Guid.NewGuid();
        var other = "c-" + Guid.NewGuid();
        var a = await Registrations.InsertAsync(New(course, "ada"), ct);
        var b = await Registrations.InsertAsync(New(course, "bob"), ct);
        var c = await Registrations.InsertAsync(New(other, "ada"), ct);

        var byCourse = await Registrations.ListByCourseAsync(course, 50, null, ct);
        var byAda = await Registrations.ListByLearnerAsync("ada", 200, null, ct);

        Assert.Equal(new[] { a.PartitionKey, b.PartitionKey }.Order(), byCourse.Items.Select(r => r.PartitionKey).Order());
        Assert.Contains(byAda.Items, r => r.PartitionKey == a.PartitionKey);
        Assert.Contains(byAda.Items, r => r.PartitionKey == c.PartitionKey);
        Assert.DoesNotContain(byAda.Items, r => r.PartitionKey == b.PartitionKey);
    }

    [Fact]
    public async Task DuplicateInsertIsRejected()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await Registrations.InsertAsync(New("c-dup", "ada"), ct);

        var again = New("c-dup", "ada");
        again.PartitionKey = first.PartitionKey;

        await Assert.ThrowsAsync<RecordAlreadyExistsException>(() => Registrations.InsertAsync(again, ct));
    }

    [Fact]
    public async Task StaleUpdateConflicts()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = await Registrations.InsertAsync(New("c-etag", "ada"), ct);
        var one = (await Registrations.GetAsync(created.PartitionKey, ct))!;
        var two = (await Registrations.GetAsync(created.PartitionKey, ct))!;

        one.Score = 90;
        await Registrations.UpdateAsync(one, ct);
        two.Score = 10;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Registrations.UpdateAsync(two, ct));
        Assert.Equal(90, (await Registrations.GetAsync(created.PartitionKey, ct))!.Score);
    }

    [Fact]
    public async Task IndexRowWithoutRecordIsSkippedAndRepairRestoresAMissingRow()
    {
        var ct = TestContext.Current.CancellationToken;
        var course = "c-" + Guid.NewGuid();
        // A crash after the index rows were written but before the record: a dangling index row.
        await Registrations.WriteIndexAsync(New(course, "ghost"), ct);
        var real = await Registrations.InsertAsync(New(course, "ada"), ct);
        // And a record whose index row was lost.
        var index = await storage.Tables.GetTableAsync(TableNames.RegistrationIndex, ct);
        await index.DeleteEntityAsync(RegistrationIndexEntity.CoursePartition(course), real.PartitionKey, ETag.All, ct);

        var beforeRepair = await Registrations.ListByCourseAsync(course, 50, null, ct);
        await Registrations.WriteIndexAsync(real, ct);
        var afterRepair = await Registrations.ListByCourseAsync(course, 50, null, ct);

        Assert.Empty(beforeRepair.Items);
        Assert.Equal([real.PartitionKey], afterRepair.Items.Select(r => r.PartitionKey));
    }

    [Fact]
    public async Task DeleteRemovesRecordAndIndexRows()
    {
        var ct = TestContext.Current.CancellationToken;
        var course = "c-" + Guid.NewGuid();
        var created = await Registrations.InsertAsync(New(course, "del-learner"), ct);

        await Registrations.DeleteAsync(created, ct);

        Assert.Null(await Registrations.GetAsync(created.PartitionKey, ct));
        Assert.Empty((await Registrations.ListByCourseAsync(course, 50, null, ct)).Items);
        var index = await storage.Tables.GetTableAsync(TableNames.RegistrationIndex, ct);
        Assert.Null(await index.GetOrDefaultAsync<RegistrationIndexEntity>(RegistrationIndexEntity.CoursePartition(course), created.PartitionKey, ct));
    }
}
