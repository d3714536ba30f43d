using System.ComponentModel.DataAnnotations;
using Kollektivkart.Data;

namespace Kollektivkart.Web.Feeds;

/// <summary>How the Atom feeds name themselves and where their links point.</summary>
public sealed class FeedOptions : IValidatableObject
{
    public const string Section = "Feeds";

    /// <summary>
    /// The tagging entity of every feed and entry id (RFC 4151: a domain the publisher held on a date), so ids stay
    /// the same across rebuilds, replicas and host names; <c>FEED_TAG_AUTHORITY</c>. Change it only with a new date:
    /// readers treat new ids as new entries.
    /// </summary>
    [Required]
    [RegularExpression(@"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?,[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
        ErrorMessage = "a domain and a date, such as kollektivkart.no,2026")]
    public string TagAuthority { get; set; } = "kollektivkart.no,2026";

    /// <summary>
    /// Where the site is reached from outside (<c>https://kollektivkart.no</c>), for the feeds' absolute links;
    /// <c>PUBLIC_BASE_URL</c>. Empty: the scheme and host of each request, which behind a TLS proxy say http.
    /// </summary>
    [Allowed("an absolute http or https URL without query, such as https://kollektivkart.no, or nothing")]
    public string? PublicBaseUrl { get; set; }

    /// <summary>The configured base without a trailing slash, or null when links follow the request.</summary>
    public string? BaseUrl => string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : PublicBaseUrl.TrimEnd('/');

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Query.Length == 0 && uri.Fragment.Length == 0))
        {
            yield return new ValidationResult(
                $"Feeds:PublicBaseUrl (PUBLIC_BASE_URL) must be an absolute http or https URL such as https://kollektivkart.no, not \u201c{url}\u201d.",
                [nameof(PublicBaseUrl)]);
        }
    }
}
