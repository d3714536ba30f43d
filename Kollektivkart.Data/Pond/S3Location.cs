namespace Kollektivkart.Data.Pond;

/// <summary>A pond in a bucket: <c>s3://bucket/prefix</c>. Keys inside it are relative paths with '/'.</summary>
public sealed record S3Location(string Bucket, string Prefix)
{
    public const string Scheme = "s3://";

    public static bool IsS3(string? location) =>
        location is not null && location.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    public static S3Location Parse(string location)
    {
        if (!IsS3(location))
        {
            throw new PondException($"{location} is not an S3 location (s3://bucket/prefix).");
        }
        var rest = location[Scheme.Length..].TrimEnd('/');
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var bucket = slash < 0 ? rest : rest[..slash];
        var prefix = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
        if (bucket.Length == 0)
        {
            throw new PondException($"{location} names no bucket: write s3://bucket/prefix.");
        }
        if (prefix.Length > 0 && prefix.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new PondException($"{location} has an empty, '.' or '..' folder in its prefix.");
        }
        return new S3Location(bucket, prefix);
    }

    /// <summary>The full object key of a pond-relative key.</summary>
    public string KeyOf(string relative) => Prefix.Length == 0 ? relative : Prefix + "/" + relative;

    /// <summary>Where listings start: the prefix as a folder, so s3://b/pond never lists s3://b/pond-old.</summary>
    public string ListPrefix => Prefix.Length == 0 ? "" : Prefix + "/";

    public override string ToString() => Scheme + Bucket + (Prefix.Length == 0 ? "" : "/" + Prefix);
}
