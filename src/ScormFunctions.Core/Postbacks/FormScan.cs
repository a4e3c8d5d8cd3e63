using System.Buffers;
using System.Text;
using System.Web;

namespace ScormFunctions.Core.Postbacks;

/// <summary>
/// Scans an <c>application/x-www-form-urlencoded</c> postback as a stream, holding O(KiB) until the caller is known:
/// field names and credentials are at most 2 KiB each; when <c>userName</c>/<c>username</c> and <c>password</c> arrive
/// before <c>data</c> they are verified at once (a wrong pair stops reading there); a <c>data</c> field that arrives
/// first is spooled, still encoded, to a temporary file that is deleted on close, and decoded only after the
/// credentials check out. Other fields are skipped.
/// </summary>
internal sealed class FormScan
{
    public const string Rejected = "rejected";

    public const string Oversized = "oversized";

    private const int MaxFieldBytes = 2048;

    private FormScan()
    {
    }

    /// <summary>The user name of the form's own credential pair when it carried one (verified); else null.</summary>
    public string? VerifiedUser { get; private set; }

    public string? Data { get; private set; }

    /// <summary>Null when the form was read and its caller verified; <see cref="Rejected"/>, <see cref="Oversized"/> or a 400 message.</summary>
    public string? Problem { get; private set; }

    public long BytesRead { get; private set; }

    /// <param name="body">The request body.</param>
    /// <param name="preVerified">True when valid Basic credentials came in the header (then form credentials are optional).</param>
    /// <param name="credentials">Checks the user name / password pair.</param>
    /// <param name="cancellationToken">Aborts the read.</param>
    public static async Task<FormScan> ReadAsync(Stream body, bool preVerified, PostbackCredentials credentials, CancellationToken cancellationToken)
    {
        var scan = new FormScan();
        var verified = preVerified;
        string? user = null, password = null, verifiedUser = null;
        var name = new List<byte>(64);
        var value = new List<byte>(64);
        var inValue = false;
        string? field = null;          // the current field's decoded name, once known
        Stream? data = null;            // the encoded data value: memory once verified, else a temporary file
        var dataSeen = false;
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            // Ends a field; returns a problem or null.
            string? EndField()
            {
                if (!inValue) field = Decode(name);
                switch (field)
                {
                    case var f when IsUser(f):
                        user ??= Decode(value);
                        break;
                    case "password":
                        password ??= Decode(value);
                        break;
                }
                name.Clear();
                value.Clear();
                inValue = false;
                field = null;
                if (verifiedUser is null && user is not null && password is not null)
                {
                    // A pair in the form is checked even after valid header credentials: the form's user is the one used.
                    if (!credentials.Verify(user, password)) return Rejected;
                    verifiedUser = user;
                    verified = true;
                }
                return null;
            }

            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                scan.BytesRead += read;
                if (scan.BytesRead > PostbackHandler.MaxBodyBytes) return scan.Fail(Oversized);
                var start = 0;
                for (var i = 0; i < read; i++)
                {
                    var b = buffer[i];
                    if (!inValue)
                    {
                        if (b == (byte)'=' || b == (byte)'&')
                        {
                            field = Decode(name);
                            if (b == (byte)'&')
                            {
                                if (EndField() is { } p) return scan.Fail(p);
                                continue;
                            }
                            inValue = true;
                            start = i + 1;
                            if (string.Equals(field, "data", StringComparison.Ordinal))
                            {
                                if (dataSeen) return scan.Fail("The form has more than one data field.");
                                dataSeen = true;
                                data = verified ? new MemoryStream() : TempFile();
                            }
                            continue;
                        }
                        if (name.Count >= MaxFieldBytes) return scan.Fail("A form field name is too long.");
                        name.Add(b);
                        continue;
                    }
                    if (b == (byte)'&')
                    {
                        if (IsData(field)) await data!.WriteAsync(buffer.AsMemory(start, i - start), cancellationToken);
                        else if (Add(value, buffer.AsSpan(start, i - start)) is { } p) return scan.Fail(p);
                        if (EndField() is { } ended) return scan.Fail(ended);
                        start = i + 1;
                    }
                }
                if (inValue && start < read)
                {
                    if (IsData(field)) await data!.WriteAsync(buffer.AsMemory(start, read - start), cancellationToken);
                    else if (Add(value, buffer.AsSpan(start, read - start)) is { } p) return scan.Fail(p);
                }
            }
            if (inValue || name.Count > 0)
            {
                if (EndField() is { } p) return scan.Fail(p);
            }
            if (!verified || (user is not null && verifiedUser is null)) return scan.Fail(Rejected);
            scan.VerifiedUser = verifiedUser;
            if (data is not null)
            {
                data.Position = 0;
                using var encoded = new MemoryStream();
                await data.CopyToAsync(encoded, cancellationToken);
                scan.Data = HttpUtility.UrlDecode(encoded.GetBuffer(), 0, (int)encoded.Length, Encoding.UTF8);
                if (scan.Data.Length > 0 && scan.Data[0] == '\uFEFF') scan.Data = scan.Data[1..];
            }
            return scan;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (data is not null) await data.DisposeAsync();
        }

        bool IsData(string? f) => string.Equals(f, "data", StringComparison.Ordinal) && data is not null;
    }

    private FormScan Fail(string problem)
    {
        Problem = problem;
        return this;
    }

    private static bool IsUser(string? name) => string.Equals(name, "userName", StringComparison.OrdinalIgnoreCase);

    private static string? Add(List<byte> value, ReadOnlySpan<byte> bytes)
    {
        if (value.Count + bytes.Length > MaxFieldBytes) return "A form field other than data is longer than 2 KiB.";
        foreach (var b in bytes) value.Add(b);
        return null;
    }

    private static string Decode(List<byte> bytes) => HttpUtility.UrlDecode([.. bytes], Encoding.UTF8);

    private static FileStream TempFile() => new(
        Path.Combine(Path.GetTempPath(), "postback-" + Guid.NewGuid().ToString("N") + ".tmp"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 16 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
