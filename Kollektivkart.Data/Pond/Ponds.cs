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

    /// <summary>
    /// Takes the lock of the pond at <paramref name="location"/> for a run that writes it, before the
    /// pond is opened; <see cref="PondLockedException"/> when another live run holds it.
    /// </summary>
    public static PondLock Lock(string location, bool create, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        if (S3Location.IsS3(location))
        {
            var lease = PondLockOptions.FromEnvironment();
            return S3PondLock.Take(new S3Store(S3Location.Parse(location), S3Options.FromEnvironment()), lease, logger, TimeProvider.System);
        }
        return LocalPondLock.Take(LocalPond.Folder(location, create), location, logger, TimeProvider.System);
    }
}
