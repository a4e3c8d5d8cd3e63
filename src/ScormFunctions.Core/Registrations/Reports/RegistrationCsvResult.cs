using System.Globalization;
using System.Text;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using ScormFunctions.Core.Http;

namespace ScormFunctions.Core.Registrations.Reports;

/// <summary>
/// <c>text/csv</c> of a course's registrations, written page by page as the pages of its index partition arrive (never
/// the whole list in memory): the index rows carry copies of the records, so a page is one query, not a read per row. Cells are RFC 4180-escaped, and text starting with <c>= + - @</c> (or tab / CR) is prefixed with
/// <c>'</c> so spreadsheets do not evaluate it as a formula.
/// </summary>
public sealed class RegistrationCsvResult(string courseId, RegistrationRepository registrations) : IResult, IEndpointMetadataProvider
{
    /// <summary>The most Table Storage returns per query page.</summary>
    private const int PageSize = 1000;

    private static readonly string[] Header =
    [
        "registrationId", "courseId", "learnerId", "firstName", "lastName", "email", "state",
        "reportedCompletion", "reportedSuccess", "reportedScore", "totalSeconds",
        "firstAccessDate", "lastAccessDate", "completedDate",
        "overridden", "effectiveCompletion", "effectiveSuccess", "effectiveScore", "overrideReason", "overrideBy",
        "instance", "courseVersion", // added last: consumers reading columns by position keep working
    ];

    /// <summary>In the OpenAPI document: 200 <c>text/csv</c>.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), ["text/csv"]));
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"registrations-{FileNamePart(courseId)}.csv\"";
        response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(Row(Header));
        var page = new StringBuilder(); // a page's rows, written with one call
        // The next page is read while this one is written: storage and the response take turns less.
        Task<PagedResult<RegistrationEntity>>? next = registrations.ListCourseReportAsync(courseId, PageSize, null, cancellationToken);
        try
        {
            while (next is not null)
            {
                var rows = await next;
                next = rows.ContinuationToken is { } token ? registrations.ListCourseReportAsync(courseId, PageSize, token, cancellationToken) : null;
                foreach (var e in rows.Items)
                {
                    if (e.State == RegistrationState.Deleted) continue;
                    var r = RegistrationResponse.From(e);
                    AppendRow(page,
                    [
                        r.RegistrationId, r.CourseId, r.Learner.Id, r.Learner.FirstName, r.Learner.LastName, r.Learner.Email, r.State,
                        r.Reported.Completion, r.Reported.Success, Number(r.Reported.Score), Number(r.Reported.TotalSeconds),
                        Date(r.Reported.FirstAccessDate), Date(r.Reported.LastAccessDate), Date(r.Reported.CompletedDate),
                        r.Effective.Overridden ? "true" : "false", r.Effective.Completion, r.Effective.Success, Number(r.Effective.Score),
                        r.Override?.Reason, r.Override?.By,
                        r.Instance.ToString(CultureInfo.InvariantCulture), r.CourseVersion?.ToString(CultureInfo.InvariantCulture),
                    ]);
                }
                await writer.WriteAsync(page, cancellationToken);
                page.Clear();
                await writer.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            // A write that failed (the client went away) leaves a read in flight: let it end before the request does.
            if (next is not null) await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private static void AppendRow(StringBuilder line, ReadOnlySpan<string?> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) line.Append(',');
            line.Append(Cell(cells[i]));
        }
        line.Append("\r\n");
    }

    /// <summary>One CSV line (CRLF) with every cell escaped.</summary>
    public static string Row(IEnumerable<string?> cells) => string.Join(",", cells.Select(Cell)) + "\r\n";

    /// <summary>Formula-injection guard, then RFC 4180 quoting.</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string? Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);

    private static string? Date(DateTimeOffset? value) => value?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string FileNamePart(string id)
    {
        var safe = new StringBuilder();
        foreach (var c in id) safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        return safe.Length > 80 ? safe.ToString(0, 80) : safe.ToString();
    }
}
