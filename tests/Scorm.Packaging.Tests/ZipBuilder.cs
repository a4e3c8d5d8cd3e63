using System.IO.Compression;
using System.Text;

namespace Scorm.Packaging.Tests;

/// <summary>Builds small zips in memory for cases the shared packages do not cover.</summary>
internal static class ZipBuilder
{
    public static MemoryStream Build(params (string Name, string Content)[] entries) =>
        Build(entries.Select(e => (e.Name, Encoding.UTF8.GetBytes(e.Content))).ToArray());

    public static MemoryStream Build(params (string Name, byte[] Content)[] entries) => Build(CompressionLevel.Optimal, entries);

    public static MemoryStream Build(CompressionLevel level, params (string Name, byte[] Content)[] entries)
    {
        var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                var entry = archive.CreateEntry(name, level);
                using var output = entry.Open();
                output.Write(content);
            }
        }
        stream.Position = 0;
        return stream;
    }

    /// <summary>
    /// Rewrites the declared uncompressed size of every entry (local header and central directory) to
    /// <paramref name="declaredSize"/>, to simulate a zip whose headers lie.
    /// </summary>
    public static MemoryStream WithDeclaredUncompressedSize(MemoryStream zip, uint declaredSize)
    {
        var bytes = zip.ToArray();
        for (var i = 0; i + 4 <= bytes.Length; i++)
        {
            var signature = BitConverter.ToUInt32(bytes, i);
            if (signature == 0x04034b50) BitConverter.TryWriteBytes(bytes.AsSpan(i + 22, 4), declaredSize);
            else if (signature == 0x02014b50) BitConverter.TryWriteBytes(bytes.AsSpan(i + 24, 4), declaredSize);
        }
        return new MemoryStream(bytes);
    }

    /// <summary>
    /// A zip whose entries are stored uncompressed, with the first <paramref name="original"/> in the data replaced by
    /// <paramref name="replacement"/> (same length): sizes stay honest, only the CRC-32 in the headers no longer matches.
    /// </summary>
    public static MemoryStream StoredWithContentChanged((string Name, string Content)[] entries, string original, string replacement)
    {
        using var stored = Build(CompressionLevel.NoCompression, entries.Select(e => (e.Name, Encoding.UTF8.GetBytes(e.Content))).ToArray());
        var bytes = stored.ToArray();
        var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(original));
        if (at < 0 || original.Length != replacement.Length) throw new ArgumentException("The original text must be in the data and as long as its replacement.");
        Encoding.UTF8.GetBytes(replacement).CopyTo(bytes, at);
        return new MemoryStream(bytes);
    }

    public static string Manifest12(string title = "Course", string href = "index.html", string organizationsExtra = "", string body = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <manifest identifier="test.manifest" version="1"
          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
          <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
          <organizations default="org1"{organizationsExtra}>
            <organization identifier="org1">
              <title>{title}</title>
              <item identifier="item1" identifierref="res1"><title>SCO</title></item>
            </organization>
          </organizations>
          <resources>
            <resource identifier="res1" type="webcontent" adlcp:scormtype="sco" href="{href}"><file href="{href}"/></resource>
          </resources>
          {body}
        </manifest>
        """;
}
