using Kollektivkart.Data;
using Kollektivkart.Etl.Cli;

namespace Kollektivkart.Etl.Bunny;

/// <summary>
/// The Bunny storage zone the static assets are pushed to and the pull zone purged after, from the
/// original deployment's variables. Without a zone and its key the push is skipped.
/// </summary>
public sealed class BunnyOptions
{
    public const string StorageZoneVariable = "BUNNY_STORAGE_ZONE";
    public const string StorageKeyVariable = "BUNNY_STORAGE_KEY";
    public const string StorageEndpointVariable = "BUNNY_STORAGE_ENDPOINT";
    public const string ApiKeyVariable = "BUNNY_API_KEY";
    public const string PullZoneIdVariable = "BUNNY_PULL_ZONE_ID";
    public const string ApiEndpointVariable = "BUNNY_API_ENDPOINT";

    public const string DefaultStorageEndpoint = "storage.bunnycdn.com";
    public const string DefaultApiEndpoint = "https://api.bunny.net";

    public string? StorageZone { get; init; }

    /// <summary>The storage zone's password, sent as <c>AccessKey</c>.</summary>
    public string? StorageKey { get; init; }

    public Uri StorageEndpoint { get; init; } = Endpoint(StorageEndpointVariable, DefaultStorageEndpoint);

    /// <summary>The account's API key, for purging.</summary>
    public string? ApiKey { get; init; }

    public string? PullZoneId { get; init; }

    public Uri ApiEndpoint { get; init; } = Endpoint(ApiEndpointVariable, DefaultApiEndpoint);

    public bool StorageConfigured => StorageZone is not null && StorageKey is not null;

    public bool PurgeConfigured => ApiKey is not null && PullZoneId is not null;

    /// <summary>Reads the variables; a half-configured zone or pull zone is refused, naming the variable missing.</summary>
    public static BunnyOptions FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        string? Value(string name) => read(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var options = new BunnyOptions
        {
            StorageZone = Value(StorageZoneVariable),
            StorageKey = Value(StorageKeyVariable),
            StorageEndpoint = Endpoint(StorageEndpointVariable, Value(StorageEndpointVariable) ?? DefaultStorageEndpoint),
            ApiKey = Value(ApiKeyVariable),
            PullZoneId = Value(PullZoneIdVariable),
            ApiEndpoint = Endpoint(ApiEndpointVariable, Value(ApiEndpointVariable) ?? DefaultApiEndpoint),
        };
        RequirePair(options.StorageZone, StorageZoneVariable, options.StorageKey, StorageKeyVariable, "the CDN push");
        RequirePair(options.ApiKey, ApiKeyVariable, options.PullZoneId, PullZoneIdVariable, "the purge");
        if (options.PullZoneId is { } id && !id.All(char.IsAsciiDigit))
        {
            throw new UsageException($"{PullZoneIdVariable} must be the pull zone's number, got '{id}'.");
        }
        if (options.PurgeConfigured && !options.StorageConfigured)
        {
            throw new UsageException($"{ApiKeyVariable} and {PullZoneIdVariable} are set but {StorageZoneVariable} and {StorageKeyVariable} are not.");
        }
        return options;
    }

    /// <summary>Replaces the keys wherever they occur, for text that came back from a server.</summary>
    public string Redact(string text)
    {
        foreach (var secret in new[] { StorageKey, ApiKey })
        {
            if (!string.IsNullOrEmpty(secret))
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }
        return text;
    }

    /// <summary>A host means https; a URL keeps its scheme, so tests can use http://127.0.0.1:PORT.</summary>
    internal static Uri Endpoint(string variable, string value)
    {
        if (!Endpoints.TryParse(value, out var uri))
        {
            throw new UsageException($"{variable} must be a host name or an http(s) URL, got '{value}'.");
        }
        return uri;
    }

    private static void RequirePair(string? first, string firstName, string? second, string secondName, string skipped)
    {
        if ((first is null) != (second is null))
        {
            var (set, missing) = first is null ? (secondName, firstName) : (firstName, secondName);
            throw new UsageException($"{set} is set but {missing} is not; set both, or neither to skip {skipped}.");
        }
    }
}
