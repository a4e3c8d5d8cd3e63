using Azure.Core;
using Azure.Core.Pipeline;

namespace ScormFunctions.Core.Storage;

/// <summary>
/// Lets the Table SDK parse a listing's page straight from the network stream instead of first copying it into a
/// growing buffer of its own (a page of 1,000 entities is more than a megabyte: several large-object-heap arrays per
/// page, which only a full GC reclaims). The parser still reads the whole page; it just reads it into pooled memory.
/// Only queries that ask for a page size (<c>$top</c>: the CSV export, lists, sweeps) are read this way: a body cut off
/// mid-read then fails the page instead of being retried by the pipeline, which small lookups (a postback's query of
/// its record and history row) keep.
/// </summary>
internal sealed class UnbufferedQueryPolicy : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Get && IsPagedQuery(message.Request.Uri.Query)) message.BufferResponse = false;
    }

    private static bool IsPagedQuery(string query) =>
        query.Contains("$top=", StringComparison.Ordinal) || query.Contains("%24top=", StringComparison.OrdinalIgnoreCase);
}
