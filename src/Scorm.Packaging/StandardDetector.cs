using System.Xml.Linq;

namespace Scorm.Packaging;

/// <summary>SCORM version from metadata/schemaversion, else from the namespaces the manifest declares (scorm-content.md §2.3).</summary>
internal static class StandardDetector
{
    private const string Scorm12Cp = "http://www.imsproject.org/xsd/imscp_rootv1p1p2";
    private const string Scorm12Adlcp = "http://www.adlnet.org/xsd/adlcp_rootv1p2";
    private const string Scorm2004Cp = "http://www.imsglobal.org/xsd/imscp_v1p1";
    private const string Scorm2004Adlcp = "http://www.adlnet.org/xsd/adlcp_v1p3";
    private const string Scorm2004SecondAdlcp = "http://www.adlnet.org/xsd/adlcp_v1p2";

    public static LearningStandard Detect(XElement root, string? schemaVersion, List<string> warnings)
    {
        if (!string.IsNullOrEmpty(schemaVersion))
        {
            if (schemaVersion == "1.2") return LearningStandard.Scorm12;
            if (schemaVersion is "CAM 1.3" or "1.3") return LearningStandard.Scorm2004SecondEdition;
            if (schemaVersion.Contains("4th", StringComparison.OrdinalIgnoreCase)) return LearningStandard.Scorm2004FourthEdition;
            if (schemaVersion.Contains("3rd", StringComparison.OrdinalIgnoreCase)) return LearningStandard.Scorm2004ThirdEdition;
            warnings.Add($"The manifest's schemaversion '{schemaVersion}' is not one SCORM defines; the version was guessed from its namespaces.");
        }

        var namespaces = root.DescendantsAndSelf()
            .SelectMany(e => e.Attributes().Where(a => a.IsNamespaceDeclaration).Select(a => a.Value))
            .Append(root.Name.NamespaceName)
            .ToHashSet(StringComparer.Ordinal);

        if (namespaces.Contains(Scorm2004Adlcp) || (namespaces.Contains(Scorm2004Cp) && !namespaces.Contains(Scorm2004SecondAdlcp)))
        {
            warnings.Add("The manifest has SCORM 2004 namespaces but no schemaversion, so the edition is unknown; SCORM 2004 3rd Edition was assumed.");
            return LearningStandard.Scorm2004ThirdEdition;
        }
        if (namespaces.Contains(Scorm2004SecondAdlcp)) return LearningStandard.Scorm2004SecondEdition;
        if (namespaces.Contains(Scorm12Cp) || namespaces.Contains(Scorm12Adlcp)) return LearningStandard.Scorm12;

        warnings.Add("The manifest declares neither a schemaversion nor SCORM namespaces; SCORM 1.2 was assumed.");
        return LearningStandard.Scorm12;
    }
}
