using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Scorm.Packaging;

/// <summary>Helpers for reading manifests whose namespaces and casing vary between tools and versions.</summary>
internal static partial class XmlText
{
    /// <summary>Collapses the line breaks and indentation that authoring tools leave inside titles.</summary>
    public static string Clean(string? text) =>
        text is null ? string.Empty : Whitespace().Replace(text, " ").Trim();

    /// <summary>First child with this local name in any namespace (adlcp/imsss prefixes differ between versions).</summary>
    public static XElement? Child(XElement? parent, string localName) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName.Equals(localName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Attribute by local name in any namespace, ignoring case (adlcp:scormtype vs adlcp:scormType).</summary>
    public static string? Attribute(XElement element, string localName) =>
        element.Attributes().FirstOrDefault(a => !a.IsNamespaceDeclaration
            && a.Name.LocalName.Equals(localName, StringComparison.OrdinalIgnoreCase))?.Value;

    public static string? XmlBase(XElement? element) => element?.Attribute(XNamespace.Xml + "base")?.Value;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
