using System.CommandLine;
using Kollektivkart.Etl.Bunny;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Etl.Cli;

/// <summary><c>cdn-push</c>: the static assets to Bunny's storage zone, then a purge; also the last step of <c>run</c>.</summary>
internal static class CdnPushCommand
{
    public const string AssetFolderName = "wwwroot";

    public static Command Create(ILoggerFactory loggers)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be uploaded and deleted, and change nothing." };
        var source = new Option<string?>("--source")
        {
            Description = $"The folder to push (default: the {AssetFolderName} folder in the current directory or the nearest one above it).",
            HelpName = "folder",
        };
        var command = new Command(
            "cdn-push",
            $"Sync the static assets to the Bunny storage zone (new and changed files, HTML last; files gone here are deleted there) and purge the pull zone. Skipped when {BunnyOptions.StorageZoneVariable} is not set.")
        {
            dryRun, source,
        };
        command.SetAction((parsed, cancellationToken) => Push(loggers, parsed.GetValue(source), parsed.GetValue(dryRun), cancellationToken));
        return command;
    }

    /// <summary>The push as the nightly run's last step, from the default asset folder.</summary>
    public static Task<int> AfterRun(ILoggerFactory loggers, CancellationToken cancellationToken) =>
        Push(loggers, source: null, dryRun: false, cancellationToken);

    private static async Task<int> Push(ILoggerFactory loggers, string? source, bool dryRun, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("Kollektivkart.Etl.CdnPush");
        var options = BunnyOptions.FromEnvironment();
        var folder = source is null ? null : RequireAssetFolder(source);
        if (!options.StorageConfigured)
        {
            logger.LogInformation(
                "CDN push skipped: {ZoneVariable} and {KeyVariable} are not set",
                BunnyOptions.StorageZoneVariable, BunnyOptions.StorageKeyVariable);
            return EtlCommandLine.Ok;
        }
        try
        {
            await CdnPush.Run(options, folder ?? FindAssetFolder(), dryRun, logger, cancellationToken);
            return EtlCommandLine.Ok;
        }
        catch (CdnPushException e)
        {
            Console.Error.WriteLine("error: CDN push failed: " + e.Message);
            return EtlCommandLine.Failed;
        }
    }

    /// <summary>The nearest <c>wwwroot</c> at or above the current directory: the repository's, or the one beside the installed job.</summary>
    private static string FindAssetFolder()
    {
        var start = Directory.GetCurrentDirectory();
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, AssetFolderName);
            if (Directory.Exists(candidate))
            {
                return RequireAssetFolder(candidate);
            }
        }
        throw new UsageException($"no {AssetFolderName} folder in {start} or any folder above it; pass --source <folder>.");
    }

    private static string RequireAssetFolder(string path)
    {
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new UsageException(File.Exists(full) ? $"--source {path} is a file, not a folder." : $"--source {path} does not exist.");
        }
        // An empty folder would delete every asset the CDN serves: far more likely a mistake than the intent.
        if (!Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Any())
        {
            throw new UsageException($"the asset folder {full} has no files; refusing to delete everything in the storage zone.");
        }
        return full;
    }
}
