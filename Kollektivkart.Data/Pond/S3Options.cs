using System.ComponentModel.DataAnnotations;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace Kollektivkart.Data.Pond;

/// <summary>
/// How to reach the bucket of an S3 pond, from the original deployment's variables. Also bound as
/// the options section <see cref="Section"/> by the site. The secret never appears in text.
/// </summary>
public sealed class S3Options : IValidatableObject
{
    public const string Section = "S3";
    public const string AccessKeyIdVariable = "AWS_ACCESS_KEY_ID";
    public const string SecretAccessKeyVariable = "AWS_SECRET_ACCESS_KEY";
    public const string RegionVariable = "AWS_REGION";
    public const string EndpointVariable = "DUCKDB_S3_ENDPOINT";

    /// <summary>The environment variables and the option each sets, for the site's configuration.</summary>
    public static readonly IReadOnlyList<(string Variable, string Option)> Variables =
    [
        (AccessKeyIdVariable, nameof(AccessKeyId)),
        (SecretAccessKeyVariable, nameof(SecretAccessKey)),
        (RegionVariable, nameof(Region)),
        (EndpointVariable, nameof(Endpoint)),
    ];

    public const string DefaultRegion = "us-east-1";

    /// <summary>S3's smallest part (but the last) is 5 MiB.</summary>
    public const long MinimumPartSize = 5L << 20;

    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    public string? Region { get; set; }

    /// <summary>A host (https implied) or a URL with its scheme; empty means AWS itself.</summary>
    [Allowed("a host name or an http(s) URL, such as hel1.your-objectstorage.com or http://127.0.0.1:4568")]
    public string? Endpoint { get; set; }

    /// <summary>Files larger than this go up in parts of this size (multipart upload).</summary>
    [Allowed("a number of bytes, at least 5242880 (5 MiB)")]
    public long PartSize { get; set; } = 16L << 20;

    /// <summary>The rules <see cref="CreateClient"/> applies, for the site to check at start.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Endpoint) && !Endpoints.TryParse(Endpoint, out _))
        {
            yield return new ValidationResult($"{EndpointVariable} must be a host name or an http(s) URL.", [nameof(Endpoint)]);
        }
        if (PartSize < MinimumPartSize)
        {
            yield return new ValidationResult($"The S3 part size must be at least {MinimumPartSize >> 20} MiB.", [nameof(PartSize)]);
        }
    }

    public static S3Options FromEnvironment() => new()
    {
        AccessKeyId = Environment.GetEnvironmentVariable(AccessKeyIdVariable),
        SecretAccessKey = Environment.GetEnvironmentVariable(SecretAccessKeyVariable),
        Region = Environment.GetEnvironmentVariable(RegionVariable),
        Endpoint = Environment.GetEnvironmentVariable(EndpointVariable),
    };

    /// <summary>The endpoint as a URL (a bare host means https), or null for AWS.</summary>
    public Uri? EndpointUrl()
    {
        if (string.IsNullOrWhiteSpace(Endpoint))
        {
            return null;
        }
        if (!Endpoints.TryParse(Endpoint, out var url))
        {
            throw new PondException($"{EndpointVariable} must be a host name or an http(s) URL, got '{Endpoint}'.");
        }
        return url;
    }

    /// <summary>Where requests go, for messages: the endpoint URL or "AWS (region)".</summary>
    public string EndpointDescription() => EndpointUrl()?.ToString().TrimEnd('/') ?? $"AWS ({EffectiveRegion})";

    private string EffectiveRegion => string.IsNullOrWhiteSpace(Region) ? DefaultRegion : Region.Trim();

    /// <summary>
    /// A client for this endpoint. Keys are required: without them the SDK would go looking for
    /// instance credentials on the network, which is never what an S3 pond here means.
    /// </summary>
    public IAmazonS3 CreateClient()
    {
        var missing = new[] { (AccessKeyIdVariable, AccessKeyId), (SecretAccessKeyVariable, SecretAccessKey) }
            .Where(v => string.IsNullOrWhiteSpace(v.Item2))
            .Select(v => v.Item1)
            .ToList();
        if (missing.Count > 0)
        {
            throw new PondException($"An S3 pond needs credentials: set {string.Join(" and ", missing)}.");
        }
        if (PartSize < MinimumPartSize)
        {
            throw new PondException($"The S3 part size must be at least {MinimumPartSize >> 20} MiB.");
        }
        var config = new AmazonS3Config
        {
            // What Hetzner-style providers need: no trailing checksums nobody asked for.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromMinutes(5),
            MaxErrorRetry = 4,
        };
        if (EndpointUrl() is { } url)
        {
            config.ServiceURL = url.ToString();
            config.ForcePathStyle = true;
            config.AuthenticationRegion = EffectiveRegion;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(EffectiveRegion);
        }
        return new PondS3Client(new BasicAWSCredentials(AccessKeyId!.Trim(), SecretAccessKey!.Trim()), config);
    }

    public override string ToString() =>
        $"S3 at {Endpoint}, key {(string.IsNullOrEmpty(AccessKeyId) ? "unset" : "set")}, secret {(string.IsNullOrEmpty(SecretAccessKey) ? "unset" : "set")}";
}
