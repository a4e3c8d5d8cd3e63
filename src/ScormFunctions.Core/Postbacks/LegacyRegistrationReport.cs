using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using ScormCloud.Client.Models;

namespace ScormFunctions.Core.Postbacks;

/// <summary>
/// SCORM Cloud V1 XML postbacks (<c>&lt;registrationreport&gt;</c>, bare or inside <c>&lt;rsp stat="ok"&gt;</c>), read
/// into the V2 <see cref="Registration"/> model so the same mapping applies. DTDs are prohibited and no resolver is
/// set, so entities (XXE) and external references are never expanded or fetched. V1 carries no <c>updated</c> time.
/// </summary>
public static class LegacyRegistrationReport
{
    /// <summary>Deepest element nesting accepted (activity trees of real courses stay far below it).</summary>
    public const int MaxDepth = 256;

    /// <summary>Parses the report; throws <see cref="FormatException"/> for anything that is not one.</summary>
    public static Registration Parse(string xml, int maxCharacters)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = maxCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };
        XDocument document;
        try
        {
            // XmlReader has no depth limit and LINQ to XML walks nested content recursively (a stack overflow kills the
            // process), so the depth is checked in a streaming pass before the document is built.
            using (var check = XmlReader.Create(new StringReader(xml), settings))
            {
                while (check.Read())
                {
                    if (check.Depth > MaxDepth) throw new FormatException($"The XML is nested more than {MaxDepth} levels deep.");
                }
            }
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            throw new FormatException($"The XML is not well-formed or uses a DTD (not allowed): {ex.Message}", ex);
        }

        var root = document.Root!;
        if (root.Name.LocalName == "rsp") root = root.Elements().FirstOrDefault(e => e.Name.LocalName == "registrationreport") ?? root;
        if (root.Name.LocalName != "registrationreport") throw new FormatException("The XML is not a <registrationreport>.");
        var id = (string?)root.Attribute("regid");
        if (string.IsNullOrWhiteSpace(id)) throw new FormatException("The <registrationreport> has no regid.");

        // format="course": values on the report; "activity"/"full": on the root activity.
        var source = root.Element("complete") is null && root.Element("activity") is { } activity ? activity : root;
        return new Registration
        {
            Id = id,
            Instance = int.TryParse((string?)root.Attribute("instanceid"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var instance) ? instance : 0,
            RegistrationCompletion = Text(source, "complete") switch
            {
                "complete" or "completed" => RegistrationCompletion.Completed,
                "incomplete" => RegistrationCompletion.Incomplete,
                _ => RegistrationCompletion.Unknown,
            },
            RegistrationSuccess = Text(source, "success") switch
            {
                "passed" => RegistrationSuccess.Passed,
                "failed" => RegistrationSuccess.Failed,
                _ => RegistrationSuccess.Unknown,
            },
            Score = double.TryParse(Text(source, "score"), NumberStyles.Float, CultureInfo.InvariantCulture, out var score) ? new Score { Scaled = score } : null,
            TotalSecondsTracked = Seconds(Text(root, "totaltime") ?? Text(source, "time") ?? Text(source, "timetracked")),
        };
    }

    private static string? Text(XElement parent, string name) => parent.Element(name)?.Value.Trim().ToLowerInvariant();

    /// <summary>Seconds as an integer (<c>326</c>) or <c>[h]h:mm:ss[.ff]</c> (<c>0000:01:30.00</c>).</summary>
    internal static double Seconds(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain)) return Math.Max(0, plain);
        var parts = text.Split(':');
        if (parts.Length != 3) return 0;
        return double.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var h)
            && double.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var m)
            && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var s)
            ? Math.Max(0, (h * 3600) + (m * 60) + s)
            : 0;
    }
}
