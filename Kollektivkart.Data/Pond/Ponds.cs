namespace Kollektivkart.Data.Pond;

public static class Ponds
{
    /// <summary>Opens a pond by its location: a local folder (created when <paramref name="create"/>), or s3://.</summary>
    public static IPond Open(string location, bool create)
    {
        if (location.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            throw new PondException($"S3 ponds ({location}) are not supported by this build yet; use a local folder.");
        }
        return LocalPond.Open(location, create);
    }
}
