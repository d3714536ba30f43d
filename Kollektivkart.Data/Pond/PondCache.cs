namespace Kollektivkart.Data.Pond;

/// <summary>
/// Where S3 ponds are cached on this machine: <c>$POND_CACHE_DIR</c>, else
/// <c>$XDG_CACHE_HOME/kollektivkart</c>, else <c>~/.cache/kollektivkart</c>. The job's copy of
/// <c>s3://bucket/prefix</c> lives in <c>bucket/prefix/</c> below it, the site's copies of stats.db
/// in <c>.site/bucket/prefix/</c> (a dot folder, which the job's copy never holds).
/// </summary>
public static class PondCache
{
    public const string Variable = "POND_CACHE_DIR";

    public static string Root(string? configured = null)
    {
        var root = FirstSet(configured, Environment.GetEnvironmentVariable(Variable));
        if (root is not null)
        {
            return Path.GetFullPath(root);
        }
        var xdg = FirstSet(Environment.GetEnvironmentVariable("XDG_CACHE_HOME"));
        if (xdg is not null)
        {
            return Path.Combine(Path.GetFullPath(xdg), "kollektivkart");
        }
        var home = FirstSet(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        return home is not null
            ? Path.Combine(home, ".cache", "kollektivkart")
            : Path.Combine(Path.GetTempPath(), "kollektivkart-cache");
    }

    /// <summary>The job's working copy of a pond.</summary>
    public static string PondFolder(S3Location location, string? root = null) =>
        Path.Combine([root ?? Root(), location.Bucket, .. location.Prefix.Split('/', StringSplitOptions.RemoveEmptyEntries)]);

    /// <summary>The site's downloaded copies of a pond's stats.db.</summary>
    public static string SiteFolder(S3Location location, string? root = null) =>
        Path.Combine([root ?? Root(), ".site", location.Bucket, .. location.Prefix.Split('/', StringSplitOptions.RemoveEmptyEntries)]);

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
