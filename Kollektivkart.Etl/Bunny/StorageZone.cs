using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Kollektivkart.Etl.Bunny;

/// <summary>A file in the storage zone, by its path below the zone's root (<c>css/site.css</c>).</summary>
public sealed record RemoteFile(string Path, long Length, string? Checksum);

/// <summary>
/// Bunny's storage API: <c>GET {endpoint}/{zone}/{dir}/</c> lists a folder as JSON, <c>PUT</c> and
/// <c>DELETE {endpoint}/{zone}/{path}</c> write, all with the zone's password as <c>AccessKey</c>.
/// </summary>
internal sealed class StorageZone(HttpClient http, BunnyOptions options)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private readonly RetryingSender _sender = new(http, options);
    private readonly string _zone = options.StorageZone ?? throw new InvalidOperationException("no storage zone configured");
    private readonly string _key = options.StorageKey ?? throw new InvalidOperationException("no storage key configured");

    /// <summary>Every file in the zone, folder by folder.</summary>
    public async Task<IReadOnlyList<RemoteFile>> ListFiles(CancellationToken cancellationToken)
    {
        var files = new List<RemoteFile>();
        var folders = new Queue<string>([""]);
        while (folders.TryDequeue(out var folder))
        {
            foreach (var entry in await ListFolder(folder, cancellationToken))
            {
                var path = folder + entry.ObjectName;
                if (entry.IsDirectory)
                {
                    folders.Enqueue(path + "/");
                }
                else
                {
                    files.Add(new RemoteFile(path, entry.Length, entry.Checksum));
                }
            }
        }
        return files;
    }

    public async Task Upload(LocalAsset asset, CancellationToken cancellationToken)
    {
        using var response = await _sender.Send(() =>
        {
            var content = new StreamContent(File.OpenRead(asset.FullPath));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(asset.ContentType);
            content.Headers.ContentLength = asset.Length;
            var request = Request(HttpMethod.Put, asset.Path);
            // The zone hashes what it received and refuses the file (400) if it differs: no corrupt asset is ever served.
            request.Headers.Add("Checksum", asset.Sha256);
            request.Content = content;
            return request;
        }, $"upload of {asset.Path}", cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var body = await Body(response, cancellationToken);
        throw response.StatusCode switch
        {
            HttpStatusCode.BadRequest => new CdnPushException(
                $"upload of {asset.Path} was rejected (400 {body}): what the storage zone received does not have the file's SHA-256 {asset.Sha256}."),
            HttpStatusCode.Unauthorized => AccessRefused(),
            _ => new CdnPushException($"upload of {asset.Path} failed: {(int)response.StatusCode} {body}"),
        };
    }

    public async Task Delete(RemoteFile file, CancellationToken cancellationToken)
    {
        using var response = await _sender.Send(() => Request(HttpMethod.Delete, file.Path), $"deleting {file.Path}", cancellationToken);
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
        {
            return;
        }
        throw response.StatusCode == HttpStatusCode.Unauthorized
            ? AccessRefused()
            : new CdnPushException($"deleting {file.Path} failed: {(int)response.StatusCode} {await Body(response, cancellationToken)}");
    }

    private async Task<IReadOnlyList<StorageObject>> ListFolder(string folder, CancellationToken cancellationToken)
    {
        var what = $"listing /{folder} in storage zone {_zone}";
        using var response = await _sender.Send(() => Request(HttpMethod.Get, folder), what, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return [];
        }
        if (!response.IsSuccessStatusCode)
        {
            throw response.StatusCode == HttpStatusCode.Unauthorized
                ? AccessRefused()
                : new CdnPushException($"{what} failed: {(int)response.StatusCode} {await Body(response, cancellationToken)}");
        }
        try
        {
            return await response.Content.ReadFromJsonAsync<List<StorageObject>>(Json, cancellationToken) ?? [];
        }
        catch (JsonException e)
        {
            throw new CdnPushException($"{what} did not answer with Bunny's JSON listing: {e.Message}");
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var segments = path.Split('/').Select(Uri.EscapeDataString);
        var request = new HttpRequestMessage(method, new Uri(options.StorageEndpoint, Uri.EscapeDataString(_zone) + "/" + string.Join('/', segments)));
        request.Headers.Add("AccessKey", _key);
        return request;
    }

    private CdnPushException AccessRefused() =>
        new($"storage zone {_zone} refused the access key (401): check {BunnyOptions.StorageKeyVariable} (the zone's password) and {BunnyOptions.StorageZoneVariable}.");

    /// <summary>A server's explanation, short, on one line, and without our keys in it.</summary>
    internal static async Task<string> Body(HttpResponseMessage response, BunnyOptions options, CancellationToken cancellationToken)
    {
        var text = (await response.Content.ReadAsStringAsync(cancellationToken)).ReplaceLineEndings(" ").Trim();
        return options.Redact(text.Length > 300 ? text[..300] + "..." : text);
    }

    private Task<string> Body(HttpResponseMessage response, CancellationToken cancellationToken) => Body(response, options, cancellationToken);

    private sealed record StorageObject(string ObjectName, bool IsDirectory, long Length, string? Checksum);
}
