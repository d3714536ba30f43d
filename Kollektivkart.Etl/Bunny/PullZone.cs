using System.Net;

namespace Kollektivkart.Etl.Bunny;

/// <summary>Bunny's account API: <c>POST {api}/pullzone/{id}/purgeCache</c> with the account key as <c>AccessKey</c>.</summary>
internal sealed class PullZone(HttpClient http, BunnyOptions options)
{
    private readonly RetryingSender _sender = new(http, options);

    public async Task Purge(CancellationToken cancellationToken)
    {
        var id = options.PullZoneId ?? throw new InvalidOperationException("no pull zone configured");
        var what = $"purging pull zone {id}";
        using var response = await _sender.Send(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.ApiEndpoint, $"pullzone/{Uri.EscapeDataString(id)}/purgeCache"));
            request.Headers.Add("AccessKey", options.ApiKey);
            return request;
        }, what, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        throw response.StatusCode == HttpStatusCode.Unauthorized
            ? new CdnPushException($"{what}: the Bunny API refused the key (401): check {BunnyOptions.ApiKeyVariable}.")
            : new CdnPushException($"{what} failed: {(int)response.StatusCode} {await StorageZone.Body(response, options, cancellationToken)}");
    }
}
