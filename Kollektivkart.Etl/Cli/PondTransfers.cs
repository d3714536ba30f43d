using System.Diagnostics;
using Kollektivkart.Data.Pond;
using Kollektivkart.Data.Transforms;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Etl.Cli;

/// <summary>
/// The S3 half of <c>demo</c> and <c>run</c>: download what the derivation reads before it, upload
/// what changed after it. A local pond needs neither.
/// </summary>
internal static class PondTransfers
{
    public static void FetchForRun(IPond pond, RunOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (pond is S3Pond s3)
        {
            s3.FetchForDerivation(options, new LogLines(logger), cancellationToken);
        }
    }

    public static void Publish(IPond pond, ILogger logger, CancellationToken cancellationToken)
    {
        if (pond is S3Pond s3)
        {
            s3.Publish(new LogLines(logger), cancellationToken);
        }
    }

    /// <summary>
    /// Publishes what a failed step left whole in the cache. The step's own error is what the run
    /// reports, so a failed upload here is logged, not thrown over it.
    /// </summary>
    public static void PublishAfterFailure(IPond pond, ILogger logger, CancellationToken cancellationToken)
    {
        if (pond is not S3Pond s3)
        {
            return;
        }
        logger.LogInformation("Uploading what was fetched before the failure to {Pond}", s3.Location);
        try
        {
            s3.Publish(new LogLines(logger), cancellationToken);
        }
        catch (Exception e) when (e is IOException or PondException or OperationCanceledException)
        {
            logger.LogError("Could not upload what was fetched before the failure: {Message}", e.Message);
        }
    }

    /// <summary>A progress line at most once a second: files and bytes done, rate.</summary>
    private sealed class LogLines(ILogger logger) : IProgress<TransferProgress>
    {
        private long _last = Stopwatch.GetTimestamp();

        public void Report(TransferProgress value)
        {
            var now = Stopwatch.GetTimestamp();
            if (Stopwatch.GetElapsedTime(_last, now) < TimeSpan.FromSeconds(1) || value.FilesDone == value.FilesTotal)
            {
                return;
            }
            _last = now;
            logger.LogInformation(
                "Progress {Direction}: {Done}/{Total} files, {Megabytes:F1}/{TotalMegabytes:F1} MB, {Rate:F1} MB/s, {Elapsed:F1} s elapsed",
                value.Direction, value.FilesDone, value.FilesTotal, value.BytesDone / 1e6, value.BytesTotal / 1e6,
                value.MegabytesPerSecond, value.Elapsed.TotalSeconds);
        }
    }
}
