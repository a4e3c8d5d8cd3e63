using Azure;
using Azure.Data.Tables;

namespace ScormFunctions.Core.Courses;

/// <summary>Our record of a course (one partition, so the admin list is a single-partition query).</summary>
public sealed class CourseEntity : ITableEntity
{
    public const string Partition = "course";

    public string PartitionKey { get; set; } = Partition;

    /// <summary>The course id (ours; also the SCORM Cloud course id).</summary>
    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    /// <summary><see cref="CourseStatus"/> as text.</summary>
    public string Status { get; set; } = CourseStatus.New;

    public string? Title { get; set; }

    /// <summary>SCORM Cloud's name, e.g. SCORM12 or SCORM20044THEDITION.</summary>
    public string? LearningStandard { get; set; }

    public int? Version { get; set; }

    public string? LatestImportId { get; set; }

    /// <summary>JSON array of the last import's parser warnings.</summary>
    public string? ParserWarnings { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? DeletedAt { get; set; }
}

/// <summary>Lifecycle of a course record.</summary>
public static class CourseStatus
{
    /// <summary>Created by an upload request; no import has succeeded yet.</summary>
    public const string New = "new";
    public const string Importing = "importing";
    public const string Ready = "ready";
    public const string Failed = "failed";
    public const string Deleted = "deleted";
}
