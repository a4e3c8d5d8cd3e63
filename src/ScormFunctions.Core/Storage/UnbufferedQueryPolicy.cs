using Azure.Core;
using Azure.Core.Pipeline;

namespace ScormFunctions.Core.Storage;

/// <summary>
/// Lets the Table SDK parse a query's page straight from the network stream instead of first copying it into a
/// growing buffer of its own (a page of 1,000 entities is more than a megabyte: several large-object-heap arrays per
/// page, which only a full GC reclaims). The parser still reads the whole page; it just reads it into pooled memory.
/// </summary>
internal sealed class UnbufferedQueryPolicy : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Get && IsQuery(message.Request.Uri.Query)) message.BufferResponse = false;
    }

    private static bool IsQuery(string query) =>
        query.Contains("$filter", StringComparison.Ordinal) || query.Contains("%24filter", StringComparison.OrdinalIgnoreCase);
}
