namespace Kollektivkart.Data;

/// <summary>
/// The one reading of the endpoint variables (DUCKDB_S3_ENDPOINT, BIGQUERY_ENDPOINT, BUNNY_*_ENDPOINT):
/// a bare host means https, a URL keeps its scheme so tests can use http://127.0.0.1:PORT.
/// </summary>
public static class Endpoints
{
    /// <summary>The endpoint as an http(s) URL whose path ends in '/', so relative paths extend it; false when unusable.</summary>
    public static bool TryParse(string? value, out Uri url)
    {
        url = null!;
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(parsed.Host)
            || !string.IsNullOrEmpty(parsed.Query))
        {
            return false;
        }
        url = parsed.AbsolutePath.EndsWith('/') ? parsed : new Uri(parsed.AbsoluteUri + "/");
        return true;
    }
}
