using Azure.Data.Tables;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Tests.Storage;

/// <summary>The one read → change → conditional replace → retry loop (<see cref="TableClientExtensions.UpdateWithRetryAsync{T}(TableClient, string, string, Func{T, bool}, CancellationToken, T, Func{T}, int)"/>), on Azurite.</summary>
public sealed class UpdateWithRetryTests(StorageTestContext storage) : IClassFixture<StorageTestContext>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static bool Increment(TableEntity entity)
    {
        entity["Count"] = (entity.GetInt32("Count") ?? 0) + 1;
        return true;
    }

    private async Task<TableClient> TableAsync() => await storage.Tables.GetTableAsync("Retry", Ct);

    private static async Task<TableEntity> InsertAsync(TableClient table, string key, int count = 0) =>
        await table.InsertAsync(new TableEntity("p", key) { ["Count"] = count }, Ct);

    [Fact]
    public async Task EveryConcurrentChangeIsApplied()
    {
        var table = await TableAsync();
        var key = NewKey();
        await InsertAsync(table, key);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => table.UpdateWithRetryAsync<TableEntity>("p", key, Increment, Ct)));

        Assert.Equal(6, (await table.GetOrDefaultAsync<TableEntity>("p", key, Ct))!.GetInt32("Count"));
    }

    [Fact]
    public async Task AChangeThatDeclinesWritesNothing()
    {
        var table = await TableAsync();
        var key = NewKey();
        var before = await InsertAsync(table, key, 1);

        var result = await table.UpdateWithRetryAsync<TableEntity>("p", key, _ => false, Ct);

        Assert.Equal(before.ETag, result!.ETag);
        Assert.Equal(before.ETag, (await table.GetOrDefaultAsync<TableEntity>("p", key, Ct))!.ETag);
    }

    [Fact]
    public async Task AMissingRowStaysMissingUnlessACreatorIsGiven()
    {
        var table = await TableAsync();
        var key = NewKey();

        Assert.Null(await table.UpdateWithRetryAsync<TableEntity>("p", key, Increment, Ct));
        Assert.Null(await table.GetOrDefaultAsync<TableEntity>("p", key, Ct));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            table.UpdateWithRetryAsync<TableEntity>("p", key, Increment, Ct, createIfMissing: () => new TableEntity("p", key))));

        Assert.Equal(4, (await table.GetOrDefaultAsync<TableEntity>("p", key, Ct))!.GetInt32("Count"));
    }

    [Fact]
    public async Task AStaleVersionInHandIsReadAgainAndDecidedAgain()
    {
        var table = await TableAsync();
        var key = NewKey();
        var stale = await InsertAsync(table, key);
        await table.UpdateWithRetryAsync<TableEntity>("p", key, Increment, Ct);
        var seen = new List<int?>();

        var result = await table.UpdateWithRetryAsync<TableEntity>("p", key, e => { seen.Add(e.GetInt32("Count")); return Increment(e); }, Ct, current: stale);

        Assert.Equal([0, 1], seen);
        Assert.Equal(2, result!.GetInt32("Count"));
    }

    [Fact]
    public async Task ARowThatVanishesMeanwhileEndsAsMissing()
    {
        var table = await TableAsync();
        var key = NewKey();
        await InsertAsync(table, key);

        var result = await table.UpdateWithRetryAsync<TableEntity>("p", key, e =>
        {
            table.DeleteEntity("p", key, cancellationToken: Ct);
            return Increment(e);
        }, Ct);

        Assert.Null(result);
        Assert.Null(await table.GetOrDefaultAsync<TableEntity>("p", key, Ct));
    }

    [Fact]
    public async Task ItGivesUpAfterTheAttemptsAllowed()
    {
        var table = await TableAsync();
        var key = NewKey();
        await InsertAsync(table, key);
        var calls = 0;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => table.UpdateWithRetryAsync<TableEntity>("p", key, e =>
        {
            calls++;
            // Another writer gets in between every read and our write.
            table.UpsertEntity(new TableEntity("p", key) { ["Count"] = 100 + calls }, TableUpdateMode.Replace, Ct);
            return Increment(e);
        }, Ct, maxAttempts: 3));

        Assert.Equal(3, calls);
        Assert.Equal(103, (await table.GetOrDefaultAsync<TableEntity>("p", key, Ct))!.GetInt32("Count"));
    }
}
