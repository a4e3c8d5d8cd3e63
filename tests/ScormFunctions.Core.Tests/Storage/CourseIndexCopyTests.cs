using Azure;
using Azure.Data.Tables;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Tests.Storage;

/// <summary>
/// The copy of each record on its course index row (what the CSV report reads in one partition query): it follows every
/// write, never goes back to an older version, never re-creates an erased row, and rows without a copy still report.
/// </summary>
public sealed class CourseIndexCopyTests(StorageTestContext storage) : IClassFixture<StorageTestContext>
{
    private RegistrationRepository Registrations => new(storage.Tables, TimeProvider.System);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static RegistrationEntity New(string courseId, string learnerId = "ada") => new()
    {
        PartitionKey = "reg-" + Guid.NewGuid(),
        CourseId = courseId,
        LearnerId = learnerId,
        LearnerEmail = learnerId + "@example.org",
        State = RegistrationState.Active,
    };

    private async Task<RegistrationEntity?> CopyOfAsync(RegistrationEntity registration)
    {
        var index = await storage.Tables.GetTableAsync(TableNames.RegistrationIndex, Ct);
        return await index.GetOrDefaultAsync<RegistrationEntity>(
            RegistrationIndexEntity.CoursePartition(registration.CourseId), registration.PartitionKey, Ct);
    }

    [Fact]
    public async Task TheCopyFollowsEveryWriteAndTheReportReadsIt()
    {
        var course = "c-" + Guid.NewGuid();
        var created = await Registrations.InsertAsync(New(course), Ct);
        await Registrations.UpdateWithRetryAsync(created.PartitionKey, r =>
        {
            r.Score = 91;
            r.Completion = RegistrationResults.Completed;
            return true;
        }, Ct);
        var registrations = await storage.Tables.GetTableAsync(TableNames.Registrations, Ct);
        // Changed behind the repository's back: the report shows the copy, so it read no record.
        await registrations.UpdateEntityAsync(new TableEntity(created.PartitionKey, RegistrationEntity.Row) { ["Score"] = 5.0 }, ETag.All, TableUpdateMode.Merge, Ct);

        var copy = await CopyOfAsync(created);
        var report = await Registrations.ListCourseReportAsync(course, 1000, null, Ct);

        Assert.Equal(2, copy!.Revision);
        Assert.True(RegistrationIndexEntity.HoldsCopy(copy));
        var row = Assert.Single(report.Items);
        Assert.Equal(created.PartitionKey, row.PartitionKey);
        Assert.Equal(RegistrationEntity.Row, row.RowKey);
        Assert.Equal(91, row.Score);
        Assert.Equal(RegistrationResults.Completed, row.Completion);
        Assert.Equal("ada@example.org", row.LearnerEmail);
    }

    [Fact]
    public async Task AnOlderVersionNeverReplacesANewerCopy()
    {
        var course = "c-" + Guid.NewGuid();
        var created = await Registrations.InsertAsync(New(course), Ct);
        var older = (await Registrations.GetAsync(created.PartitionKey, Ct))!;
        var newer = (await Registrations.GetAsync(created.PartitionKey, Ct))!;
        newer.Score = 80;
        await Registrations.UpdateAsync(newer, Ct);

        // A writer that was slower to copy its (older) version: a late copy of revision 1 after revision 2.
        older.Score = 10;
        await Registrations.CopyToCourseIndexAsync(older, Ct);

        var copy = await CopyOfAsync(created);
        Assert.Equal(2, copy!.Revision);
        Assert.Equal(80, copy.Score);
    }

    [Fact]
    public async Task ALaterIncarnationReplacesTheCopyOfAnEarlierOne()
    {
        var course = "c-" + Guid.NewGuid();
        var first = await Registrations.InsertAsync(New(course), Ct);
        for (var i = 0; i < 3; i++) await Registrations.UpdateWithRetryAsync(first.PartitionKey, r => { r.Score = i; return true; }, Ct);
        var deleted = (await Registrations.GetAsync(first.PartitionKey, Ct))!;

        // Started over under the same id (as the provisioner does for a deleted record): a new creation time, revisions anew.
        var fresh = New(course);
        fresh.PartitionKey = first.PartitionKey;
        fresh.CreatedAt = deleted.CreatedAt.AddSeconds(1);
        fresh.ETag = deleted.ETag;
        fresh.Score = 42;
        await Registrations.UpdateAsync(fresh, Ct);

        var copy = await CopyOfAsync(first);
        Assert.Equal(42, copy!.Score);
        Assert.Equal(fresh.CreatedAt, copy.CreatedAt);
    }

    [Fact]
    public async Task AnErasedIndexRowIsNotCreatedAgainByALateCopy()
    {
        var course = "c-" + Guid.NewGuid();
        var created = await Registrations.InsertAsync(New(course), Ct);
        var index = await storage.Tables.GetTableAsync(TableNames.RegistrationIndex, Ct);
        // A learner deletion removes the course index row first; a write that was already under way copies afterwards.
        await index.DeleteEntityAsync(RegistrationIndexEntity.CoursePartition(course), created.PartitionKey, ETag.All, Ct);

        await Registrations.UpdateWithRetryAsync(created.PartitionKey, r => { r.Score = 70; return true; }, Ct);

        Assert.Null(await CopyOfAsync(created));
    }

    [Fact]
    public async Task RowsWithoutACopyAreReadThroughTheirRecordAndDanglingOnesAreSkipped()
    {
        var course = "c-" + Guid.NewGuid();
        var registrations = await storage.Tables.GetTableAsync(TableNames.Registrations, Ct);
        var index = await storage.Tables.GetTableAsync(TableNames.RegistrationIndex, Ct);
        // Written before copies existed: a record (revision 0) and its bare index row; plus a bare row whose record never came.
        var legacy = New(course, "bob");
        legacy.Score = 66;
        await registrations.AddEntityAsync(legacy, Ct);
        await index.AddEntityAsync(new RegistrationIndexEntity { PartitionKey = RegistrationIndexEntity.CoursePartition(course), RowKey = legacy.PartitionKey }, Ct);
        await index.AddEntityAsync(new RegistrationIndexEntity { PartitionKey = RegistrationIndexEntity.CoursePartition(course), RowKey = "reg-ghost" }, Ct);
        var copied = await Registrations.InsertAsync(New(course), Ct);

        var report = await Registrations.ListCourseReportAsync(course, 1000, null, Ct);
        await Registrations.UpdateWithRetryAsync(legacy.PartitionKey, r => { r.Score = 67; return true; }, Ct);
        var legacyCopy = await CopyOfAsync(legacy);

        Assert.Equal(new[] { legacy.PartitionKey, copied.PartitionKey }.Order(), report.Items.Select(r => r.PartitionKey).Order());
        Assert.Equal(66, report.Items.Single(r => r.PartitionKey == legacy.PartitionKey).Score);
        Assert.Equal(67, legacyCopy!.Score); // its first write since gives it a copy
    }
}
