using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kollektivkart.Data.Pond;

public static class Ponds
{
    /// <summary>
    /// Opens a pond by its location: a local folder (created when <paramref name="create"/>), or
    /// <c>s3://bucket/prefix</c>, configured from the environment (<see cref="S3Options"/>) and cached
    /// in <see cref="PondCache.PondFolder"/>.
    /// </summary>
    public static IPond Open(string location, bool create, ILogger? logger = null)
    {
        if (S3Location.IsS3(location))
        {
            var s3 = S3Location.Parse(location);
            return S3Pond.Open(s3, S3Options.FromEnvironment(), PondCache.PondFolder(s3), logger ?? NullLogger.Instance);
        }
        return LocalPond.Open(location, create);
    }
}
