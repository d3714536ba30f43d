using System.ComponentModel.DataAnnotations;
using Kollektivkart.Data;
using Kollektivkart.Data.Pond;
using Kollektivkart.Web.Feeds;

namespace Kollektivkart.Web.Serving;

/// <summary>Where the pond is. Without a location the site builds and serves a demo pond.</summary>
public sealed class PondOptions
{
    public const string Section = "Pond";
    public const string DemoLocation = "data/demo";

    /// <summary>A folder or s3://bucket/prefix; <c>PARQUET_LOCATION</c>.</summary>
    public string? Location { get; set; }

    /// <summary>How often the site looks for a newer stats.db in the pond, in seconds; <c>POND_REFRESH_SECONDS</c>.</summary>
    [Range(1, 86400)]
    public int RefreshSeconds { get; set; } = 300;

    /// <summary>Where the copies of an S3 pond's stats.db go (below <c>.site/</c>); <c>POND_CACHE_DIR</c>, as for the job.</summary>
    public string? CacheFolder { get; set; }

    /// <summary>Operating days of synthetic data when the demo pond is built on first start.</summary>
    [Range(7, 400)]
    public int DemoDays { get; set; } = 75;

    public bool IsDemo => string.IsNullOrWhiteSpace(Location);

    public string EffectiveLocation => IsDemo ? DemoLocation : Location!;
}

/// <summary>Health, freshness and shutdown.</summary>
public sealed class ServingOptions
{
    public const string Section = "Serving";

    /// <summary>Data whose newest operating date is older than this many days is stale; <c>STALE_AFTER_DAYS</c>.</summary>
    [Range(0, 3650)]
    public int StaleAfterDays { get; set; } = 3;

    /// <summary>
    /// After SIGTERM, /ready answers 503 while the site keeps serving this long, so the proxy's
    /// health check takes the replica out of rotation before it stops; <c>DRAIN_SECONDS</c>.
    /// </summary>
    [Range(0, 300)]
    public int DrainSeconds { get; set; } = 15;

    /// <summary>
    /// Pages and API answers over stats.db are kept in memory (<see cref="PageCache"/>); <c>Serving__OutputCache=false</c>
    /// makes every request query and render, as the benchmark's uncached figures do.
    /// </summary>
    public bool OutputCache { get; set; } = true;

    /// <summary>
    /// After each stats.db is loaded, the site asks itself for the newest month's most visited addresses so they are in the
    /// output cache before visitors come (<see cref="Serving.WarmUp"/>); <c>Serving__WarmUp=false</c> turns that off.
    /// </summary>
    public bool WarmUp { get; set; } = true;
}

/// <summary>Map tiles and static assets.</summary>
public sealed class MapOptions : IValidatableObject
{
    public const string Section = "Map";

    /// <summary>Leaflet's tile address template; its origin is allowed by the Content-Security-Policy.</summary>
    [Required]
    [Allowed("an http(s) URL template with {z}, {x} and {y}, such as https://tile.openstreetmap.org/{z}/{x}/{y}.png")]
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

    [Required]
    public string Attribution { get; set; } = "&copy; OpenStreetMap contributors";

    /// <summary>Where pages load CSS and JS from (the CDN); <c>STATIC_ASSETS_BASE_URL</c>. Empty: served by the site.</summary>
    [Allowed("an absolute http(s) URL such as https://kollektivkart.b-cdn.net, or nothing")]
    public string? StaticAssetsBaseUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsHttpUrl(TileUrl.Replace("{s}", "a", StringComparison.Ordinal))
            || !new[] { "{z}", "{x}", "{y}" }.All(p => TileUrl.Contains(p, StringComparison.Ordinal)))
        {
            yield return new ValidationResult("Map:TileUrl must be an http(s) URL template with {z}, {x} and {y}.", [nameof(TileUrl)]);
        }
        if (!string.IsNullOrWhiteSpace(StaticAssetsBaseUrl) && !IsHttpUrl(StaticAssetsBaseUrl.Trim()))
        {
            yield return new ValidationResult("Map:StaticAssetsBaseUrl must be an absolute http(s) URL.", [nameof(StaticAssetsBaseUrl)]);
        }
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>The environment variable names of the original deployment, bound onto the option sections.</summary>
public static class LegacyEnvironment
{
    private static readonly (string Variable, string Key)[] Names =
    [
        ("PARQUET_LOCATION", $"{PondOptions.Section}:{nameof(PondOptions.Location)}"),
        ("STALE_AFTER_DAYS", $"{ServingOptions.Section}:{nameof(ServingOptions.StaleAfterDays)}"),
        ("DRAIN_SECONDS", $"{ServingOptions.Section}:{nameof(ServingOptions.DrainSeconds)}"),
        ("STATIC_ASSETS_BASE_URL", $"{MapOptions.Section}:{nameof(MapOptions.StaticAssetsBaseUrl)}"),
        ("POND_REFRESH_SECONDS", $"{PondOptions.Section}:{nameof(PondOptions.RefreshSeconds)}"),
        ("FEED_TAG_AUTHORITY", $"{FeedOptions.Section}:{nameof(FeedOptions.TagAuthority)}"),
        ("PUBLIC_BASE_URL", $"{FeedOptions.Section}:{nameof(FeedOptions.PublicBaseUrl)}"),
        (PondCache.Variable, $"{PondOptions.Section}:{nameof(PondOptions.CacheFolder)}"),
        .. S3Options.Variables.Select(v => (v.Variable, $"{S3Options.Section}:{v.Option}")),
    ];

    /// <summary>The original's variable that sets an options key (<c>Serving:StaleAfterDays</c>), if any.</summary>
    public static string? VariableOf(string key) =>
        Names.FirstOrDefault(n => string.Equals(n.Key, key, StringComparison.OrdinalIgnoreCase)).Variable;

    public static IConfigurationBuilder AddLegacyEnvironment(this IConfigurationBuilder configuration)
    {
        var values = Names
            .Select(n => (n.Key, Value: Environment.GetEnvironmentVariable(n.Variable)))
            .Where(n => !string.IsNullOrEmpty(n.Value))
            .ToDictionary(n => n.Key, n => n.Value);
        return configuration.AddInMemoryCollection(values);
    }
}
