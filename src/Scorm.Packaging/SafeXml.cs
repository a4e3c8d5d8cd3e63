using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Scorm.Packaging;

/// <summary>
/// Loads untrusted manifest XML: DTDs are ignored and no resolver is set, so external entities and DTDs are never
/// fetched (no XXE, no file or network reads). The reader detects the encoding and skips a UTF-8 BOM itself. The
/// nesting depth is checked in a streaming pass before any DOM is built: deeply nested elements made LINQ to XML and
/// the parsers spend seconds of CPU (80,000 levels) or never finish (300,000).
/// </summary>
/// <remarks>
/// DTDs are ignored (skipped unparsed), not prohibited as in the postback parser: real packages carry a harmless
/// <c>&lt;!DOCTYPE manifest SYSTEM "…"&gt;</c>. Ignored means no entity is ever declared, expanded or resolved.
/// </remarks>
internal static partial class SafeXml
{
    /// <summary>Deepest element nesting accepted; real manifests stay far below it (item trees of a few levels).</summary>
    public const int MaxDepth = 256;

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        // Entities are not expanded under DtdProcessing.Ignore, but cap characters anyway (belt and braces).
        MaxCharactersFromEntities = 1024,
    };

    public static XDocument? Load(byte[] xml, string entryName, out PackageError? error)
    {
        error = null;
        try
        {
            using (var check = XmlReader.Create(new MemoryStream(xml, writable: false), Settings))
            {
                while (check.Read())
                {
                    if (check.Depth > MaxDepth)
                    {
                        var info = (IXmlLineInfo)check;
                        error = new PackageError(PackageErrorCode.MalformedManifest,
                            $"'{entryName}' nests elements more than {MaxDepth} levels deep (line {info.LineNumber}, position {info.LinePosition}); " +
                            "no real manifest does. Fix the file or export the package again.");
                        return null;
                    }
                }
            }
            using var stream = new MemoryStream(xml, writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            var reason = TrailingLineInfo().Replace(ex.Message, string.Empty).Trim();
            var (line, position) = ex.LineNumber > 0 ? (ex.LineNumber, ex.LinePosition) : EndOf(xml);
            error = new PackageError(PackageErrorCode.MalformedManifest,
                $"'{entryName}' is not well-formed XML (line {line}, position {position}): {reason} Fix the file or export the package again.");
            return null;
        }
    }

    /// <summary>Errors found at end of input (e.g. "Root element is missing") carry no line; point at the end of the file.</summary>
    private static (int Line, int Position) EndOf(byte[] xml)
    {
        var text = System.Text.Encoding.UTF8.GetString(xml).TrimEnd();
        var lastBreak = text.LastIndexOf('\n');
        return (text.Count(c => c == '\n') + 1, text.Length - lastBreak);
    }

    /// <summary>XmlException messages end with " Line n, position m."; we report those numbers separately.</summary>
    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex TrailingLineInfo();
}
