using System.Net;

namespace Kollektivkart.Etl.BigQuery;

/// <summary>
/// Bounded retries with exponential backoff for what Google documents as transient: 429, 5xx,
/// 403 with a rate-limit reason, timeouts and dropped connections. A server's Retry-After wins.
/// </summary>
public sealed record RetryPolicy(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static readonly RetryPolicy Default = new(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(32));

    private static readonly HashSet<string> RateLimitReasons = new(StringComparer.Ordinal)
    {
        "rateLimitExceeded", "userRateLimitExceeded", "backendError", "internalError",
    };

    public int MaxAttempts => MaxRetries + 1;

    /// <summary>The wait before retry number <paramref name="retry"/> (1-based): base * 2^(retry-1), capped, with ±20 % jitter.</summary>
    public TimeSpan Delay(int retry, TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } serverWish)
        {
            return serverWish < TimeSpan.Zero ? TimeSpan.Zero : serverWish > MaxDelay ? MaxDelay : serverWish;
        }
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(retry - 1, 0));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        // Jitter keeps parallel clients from retrying in lockstep.
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    public static bool IsTransient(HttpStatusCode status, string? reason) =>
        status == HttpStatusCode.TooManyRequests
        || (int)status >= 500
        || (status == HttpStatusCode.Forbidden && reason is not null && RateLimitReasons.Contains(reason));
}
