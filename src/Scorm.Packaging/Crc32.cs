namespace Scorm.Packaging;

/// <summary>
/// The zip CRC-32 (IEEE, reflected 0xEDB88320). The runtime does not verify it on read, and it stops at the declared
/// size, so a header that lies about the size silently truncates the file; checking the CRC turns that into an error.
/// </summary>
internal struct Crc32
{
    private static readonly uint[] Table = BuildTable();
    private uint state = 0xFFFFFFFFu;

    public Crc32()
    {
    }

    public readonly uint Value => ~state;

    public void Append(ReadOnlySpan<byte> data)
    {
        var crc = state;
        foreach (var b in data) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        state = crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
