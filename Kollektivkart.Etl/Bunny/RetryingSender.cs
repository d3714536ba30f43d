using System.Net;

namespace Kollektivkart.Etl.Bunny;

/// <summary>A push that could not be completed; the message names what failed and never holds a key.</summary>
public sealed class CdnPushException(string message) : Exception(message);

/// <summary>
/// Sends a request, building it afresh for each attempt (a request and its file stream can be sent
/// once), and retries 429, 5xx, lost connections and timeouts a bounded number of times with
/// doubling delays, or the delay a <c>Retry-After</c> header asks for.
/// </summary>
internal sealed class RetryingSender(HttpClient http, BunnyOptions options)
{
    public const int Attempts = 5;
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(30);

    /// <summary>The response of the first attempt that is neither throttled nor a server error; the caller judges it.</summary>
    public async Task<HttpResponseMessage> Send(Func<HttpRequestMessage> build, string what, CancellationToken cancellationToken)
    {
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            TimeSpan? asked = null;
            try
            {
                using var request = build();
                var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                if (!IsTransient(response.StatusCode))
                {
                    return response;
                }
                failure = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                asked = response.Headers.RetryAfter is { } retryAfter ? retryAfter.Delta ?? retryAfter.Date - DateTimeOffset.UtcNow : null;
                response.Dispose();
            }
            catch (HttpRequestException e)
            {
                failure = options.Redact(e.Message);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {http.Timeout.TotalSeconds:F0} s";
            }
            if (attempt == Attempts)
            {
                throw new CdnPushException($"{what} failed after {Attempts} attempts: {failure}");
            }
            var wait = asked is { } a ? TimeSpan.FromTicks(Math.Clamp(a.Ticks, 0, LongestDelay.Ticks)) : delay;
            await Task.Delay(wait, cancellationToken);
            delay *= 2;
        }
    }

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;
}
