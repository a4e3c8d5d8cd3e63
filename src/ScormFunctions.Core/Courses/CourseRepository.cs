using Azure.Data.Tables;
using ScormFunctions.Core.Http;
using ScormFunctions.Core.Storage;

namespace ScormFunctions.Core.Courses;

/// <summary>Course records in Table Storage; every update is ETag-checked.</summary>
public class CourseRepository(TableProvider tables, TimeProvider time)
{
    public virtual async Task<CourseEntity?> GetAsync(string courseId, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Courses, cancellationToken);
        return await table.GetOrDefaultAsync<CourseEntity>(CourseEntity.Partition, courseId, cancellationToken);
    }

    /// <summary>Returns the existing record, or inserts a new one (a concurrent insert wins and is returned).</summary>
    public virtual async Task<CourseEntity> GetOrCreateAsync(string courseId, CancellationToken cancellationToken)
    {
        if (await GetAsync(courseId, cancellationToken) is { } existing) return existing;
        var table = await tables.GetTableAsync(TableNames.Courses, cancellationToken);
        var now = time.GetUtcNow();
        try
        {
            return await table.InsertAsync(new CourseEntity { RowKey = courseId, CreatedAt = now, UpdatedAt = now }, cancellationToken);
        }
        catch (RecordAlreadyExistsException)
        {
            return (await GetAsync(courseId, cancellationToken))!;
        }
    }

    /// <summary>Replaces the record if unchanged since read; throws <see cref="ConcurrencyConflictException"/>.</summary>
    public virtual async Task<CourseEntity> UpdateAsync(CourseEntity course, CancellationToken cancellationToken)
    {
        course.UpdatedAt = time.GetUtcNow();
        var table = await tables.GetTableAsync(TableNames.Courses, cancellationToken);
        return await table.ReplaceAsync(course, cancellationToken);
    }

    /// <summary>
    /// Reads, applies <paramref name="change"/> and writes, re-reading on ETag conflicts. The change
    /// returns false to leave the record untouched.
    /// </summary>
    public virtual async Task<CourseEntity?> UpdateWithRetryAsync(
        string courseId, Func<CourseEntity, bool> change, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Courses, cancellationToken);
        return await table.UpdateWithRetryAsync<CourseEntity>(CourseEntity.Partition, courseId, course =>
        {
            if (!change(course)) return false;
            course.UpdatedAt = time.GetUtcNow();
            return true;
        }, cancellationToken);
    }

    /// <summary>A page of courses that are not deleted, in id order.</summary>
    public virtual async Task<PagedResult<CourseEntity>> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var table = await tables.GetTableAsync(TableNames.Courses, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CourseEntity.Partition} and Status ne {CourseStatus.Deleted}");
        var page = await table.QueryPageAsync<CourseEntity>(filter, pageSize, continuationToken, cancellationToken);
        return new PagedResult<CourseEntity>(page.Values, page.ContinuationToken);
    }
}
