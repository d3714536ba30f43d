using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Etl.Bunny;

/// <summary>What a push did (or, dry, would do).</summary>
public sealed record PushReport(int Uploaded, long BytesUploaded, int Deleted, int Unchanged, bool Purged);

/// <summary>
/// Syncs the static asset folder to the Bunny storage zone and purges the pull zone when anything
/// changed. Pages ask for assets with content-hash versions, so the purge only saves the CDN a
/// round trip to storage; correctness never waits for it.
/// </summary>
public static class CdnPush
{
    public static async Task<PushReport> Run(BunnyOptions options, string source, bool dryRun, ILogger logger, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var zone = new StorageZone(http, options);
        var clock = Stopwatch.StartNew();

        var local = LocalAsset.Scan(source);
        var remote = await zone.ListFiles(cancellationToken);
        var plan = SyncPlan.Between(local, remote);
        logger.LogInformation(
            "CDN push of {Source} to storage zone {Zone}: {Local} files here, {Remote} there; {Uploads} to upload ({Bytes} bytes), {Deletions} to delete",
            source, options.StorageZone, local.Count, remote.Count, plan.Uploads.Count, plan.UploadBytes, plan.Deletions.Count);
        var purge = !plan.ChangesNothing && options.PurgeConfigured;

        if (dryRun)
        {
            var remotePaths = remote.Select(r => r.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var asset in plan.Uploads)
            {
                logger.LogInformation("Would upload {Path} ({Bytes} bytes, {Why})", asset.Path, asset.Length, remotePaths.Contains(asset.Path) ? "changed" : "new");
            }
            foreach (var file in plan.Deletions)
            {
                logger.LogInformation("Would delete {Path}", file.Path);
            }
            logger.LogInformation("Dry run: nothing was uploaded, deleted or purged{Purge}", purge ? $" (a push would purge pull zone {options.PullZoneId})" : "");
            return new PushReport(plan.Uploads.Count, plan.UploadBytes, plan.Deletions.Count, plan.Unchanged, Purged: false);
        }

        long bytes = 0;
        var done = 0;
        foreach (var asset in plan.Uploads)
        {
            await zone.Upload(asset, cancellationToken);
            done++;
            bytes += asset.Length;
            logger.LogInformation(
                "Uploaded {Path} as {ContentType}: {Done}/{Total} files, {Bytes}/{TotalBytes} bytes, {KilobytesPerSecond:F0} kB/s",
                asset.Path, asset.ContentType, done, plan.Uploads.Count, bytes, plan.UploadBytes, bytes / 1000.0 / Math.Max(clock.Elapsed.TotalSeconds, 0.001));
        }
        foreach (var file in plan.Deletions)
        {
            await zone.Delete(file, cancellationToken);
            logger.LogInformation("Deleted {Path}, which is no longer in {Source}", file.Path, source);
        }
        if (purge)
        {
            await new PullZone(http, options).Purge(cancellationToken);
        }
        var purgeNote = purge ? $"pull zone {options.PullZoneId} purged"
            : plan.ChangesNothing ? "nothing to purge"
            : $"no purge ({BunnyOptions.ApiKeyVariable} and {BunnyOptions.PullZoneIdVariable} not set)";
        logger.LogInformation(
            "CDN push done: {Uploaded} files uploaded ({Bytes} bytes), {Deleted} deleted, {Unchanged} unchanged, {Purge}, {Seconds:F1} s",
            done, bytes, plan.Deletions.Count, plan.Unchanged, purgeNote, clock.Elapsed.TotalSeconds);
        return new PushReport(done, bytes, plan.Deletions.Count, plan.Unchanged, purge);
    }
}
