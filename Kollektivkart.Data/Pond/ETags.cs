using System.Security.Cryptography;

namespace Kollektivkart.Data.Pond;

/// <summary>
/// What S3 would call a local file: the MD5 of its bytes (a single PUT), and for a file of
/// several parts the multipart form, the MD5 of the parts' MD5s with "-N". s3rver gives multipart
/// uploads the plain MD5, so a remote ETag is matched against both.
/// </summary>
internal sealed record ETags(string Whole, string? Multipart)
{
    public static string Normalize(string? etag) => (etag ?? "").Trim().Trim('"').ToLowerInvariant();

    /// <summary>Whether the remote ETag <paramref name="remote"/> is that of a file with these bytes.</summary>
    public bool Match(string remote)
    {
        var etag = Normalize(remote);
        return etag == Whole || (Multipart is not null && etag == Multipart);
    }

    /// <summary>Reads the file once for both forms, with parts of <paramref name="partSize"/> bytes.</summary>
    public static ETags Of(string path, long partSize)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var whole = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var part = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var partHashes = new MemoryStream();
        var buffer = new byte[1 << 20];
        long inPart = 0;
        var parts = 0;
        int read;
        while ((read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, partSize - inPart))) > 0)
        {
            whole.AppendData(buffer, 0, read);
            part.AppendData(buffer, 0, read);
            inPart += read;
            if (inPart == partSize)
            {
                partHashes.Write(part.GetHashAndReset());
                parts++;
                inPart = 0;
            }
        }
        if (inPart > 0)
        {
            partHashes.Write(part.GetHashAndReset());
            parts++;
        }
        var multipart = parts > 1
            ? Convert.ToHexStringLower(MD5.HashData(partHashes.ToArray())) + "-" + parts
            : null;
        return new ETags(Convert.ToHexStringLower(whole.GetHashAndReset()), multipart);
    }
}
