using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Kollektivkart.Etl.Bunny;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Etl.Tests.Bunny;

/// <summary>A file as the fake storage zone holds it.</summary>
public sealed record StoredFile(byte[] Content, string? ContentType, string? Checksum);

/// <summary>A request the fake answered (path below the zone, or the API path).</summary>
public sealed record BunnyRequest(string Method, string Path);

/// <summary>
/// Bunny's storage zone and account API on 127.0.0.1, speaking their HTTP protocol: folder listings
/// in Bunny's JSON shape, <c>AccessKey</c> checked, the <c>Checksum</c> header verified against the
/// body (400 on mismatch), purges recorded. It can corrupt uploads (a byte flipped before the check),
/// throttle or fail a number of requests, and refuse everything with a body that echoes the key.
/// </summary>
public sealed class FakeBunny : IAsyncDisposable
{
    public const string Zone = "kollektivkart-assets";
    public const string StorageKey = "storage-password-5f1c2e77";
    public const string ApiKey = "account-key-9a8b7c6d";
    public const string PullZoneId = "424242";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<BunnyRequest> _requests = new();
    private int _transientLeft;
    private HttpStatusCode _transientStatus;
    private HttpStatusCode? _refuseAll;

    private FakeBunny(WebApplication app)
    {
        _app = app;
        app.Run(context => Answer(context.Request, context.Response));
    }

    /// <summary>The fake's root: both the storage endpoint and the API endpoint.</summary>
    public string Url => _app.Urls.First();

    /// <summary>When set, every upload has its first byte flipped before the checksum is checked.</summary>
    public bool Corrupting { get; set; }

    public IReadOnlyDictionary<string, StoredFile> Files => _files;

    public IReadOnlyList<BunnyRequest> Requests => [.. _requests];

    public IReadOnlyList<BunnyRequest> Writes => Requests.Where(r => r.Method != "GET").ToList();

    public int Purges => Requests.Count(r => r.Method == "POST");

    /// <summary>Kestrel on a free port of 127.0.0.1.</summary>
    public static async Task<FakeBunny> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeBunny(builder.Build());
        await fake._app.StartAsync();
        return fake;
    }

    /// <summary>The variables of a fully configured push to this fake.</summary>
    public Dictionary<string, string?> Environment() => new()
    {
        [BunnyOptions.StorageZoneVariable] = Zone,
        [BunnyOptions.StorageKeyVariable] = StorageKey,
        [BunnyOptions.StorageEndpointVariable] = Url,
        [BunnyOptions.ApiKeyVariable] = ApiKey,
        [BunnyOptions.PullZoneIdVariable] = PullZoneId,
        [BunnyOptions.ApiEndpointVariable] = Url,
    };

    /// <summary>The next <paramref name="count"/> requests get <paramref name="status"/> (429 with <c>Retry-After: 0</c>).</summary>
    public void FailNext(int count, HttpStatusCode status)
    {
        _transientStatus = status;
        _transientLeft = count;
    }

    /// <summary>Every request from now on gets <paramref name="status"/>, with a body that repeats the key it was sent.</summary>
    public void RefuseAll(HttpStatusCode status) => _refuseAll = status;

    /// <summary>Puts a file in the zone directly, as an earlier push or a person would have.</summary>
    public void Store(string path, byte[] content, string? checksum) => _files[path] = new StoredFile(content, null, checksum);

    public static string Sha256(byte[] content) => Convert.ToHexString(SHA256.HashData(content));

    private async Task Answer(HttpRequest request, HttpResponse response)
    {
        var path = request.Path.Value ?? "/";
        var key = request.Headers["AccessKey"].ToString();
        var zonePrefix = "/" + Zone + "/";
        var relative = path.StartsWith(zonePrefix, StringComparison.Ordinal) ? path[zonePrefix.Length..] : path;
        _requests.Enqueue(new BunnyRequest(request.Method, relative));

        if (_refuseAll is { } refused)
        {
            await Reply(response, refused, $"Refused for key {key}");
            return;
        }
        if (Interlocked.Decrement(ref _transientLeft) >= 0)
        {
            if (_transientStatus == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter = "0";
            }
            await Reply(response, _transientStatus, "Try again later");
            return;
        }
        if (request.Method == "POST")
        {
            await Purge(response, path, key);
            return;
        }
        if (!path.StartsWith(zonePrefix, StringComparison.Ordinal) || key != StorageKey)
        {
            await Reply(response, HttpStatusCode.Unauthorized, "Unauthorized");
            return;
        }
        switch (request.Method)
        {
            case "GET" when relative.Length == 0 || relative.EndsWith('/'):
                await response.WriteAsJsonAsync(List(relative));
                break;
            case "GET" when _files.TryGetValue(relative, out var file):
                await response.Body.WriteAsync(file.Content);
                break;
            case "GET":
                await Reply(response, HttpStatusCode.NotFound, "Object Not Found");
                break;
            case "PUT":
                await Upload(request, response, relative);
                break;
            case "DELETE":
                await Reply(response, _files.TryRemove(relative, out _) ? HttpStatusCode.OK : HttpStatusCode.NotFound, "File deleted successfuly.");
                break;
            default:
                await Reply(response, HttpStatusCode.MethodNotAllowed, "Method not allowed");
                break;
        }
    }

    private async Task Upload(HttpRequest request, HttpResponse response, string path)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var content = buffer.ToArray();
        if (Corrupting && content.Length > 0)
        {
            content[0] ^= 0xFF;
        }
        var checksum = Sha256(content);
        var expected = request.Headers["Checksum"].ToString();
        if (expected.Length > 0 && !string.Equals(expected, checksum, StringComparison.OrdinalIgnoreCase))
        {
            await Reply(response, HttpStatusCode.BadRequest, "Checksum and file hash do not match");
            return;
        }
        _files[path] = new StoredFile(content, request.ContentType, checksum);
        await Reply(response, HttpStatusCode.Created, "File uploaded.");
    }

    private static async Task Purge(HttpResponse response, string path, string key)
    {
        if (key != ApiKey)
        {
            await Reply(response, HttpStatusCode.Unauthorized, "Authorization has been denied for this request.");
        }
        else if (path != $"/pullzone/{PullZoneId}/purgeCache")
        {
            await Reply(response, HttpStatusCode.NotFound, "Pull zone not found");
        }
        else
        {
            response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    /// <summary>One folder's entries, files and subfolders, as Bunny lists them.</summary>
    private List<Dictionary<string, object?>> List(string folder)
    {
        var below = _files.Where(f => f.Key.StartsWith(folder, StringComparison.Ordinal)).ToList();
        var files = below.Where(f => !f.Key[folder.Length..].Contains('/'))
            .Select(f => Entry(folder, f.Key[folder.Length..], isDirectory: false, f.Value.Content.Length, f.Value.Checksum));
        var folders = below.Where(f => f.Key[folder.Length..].Contains('/'))
            .Select(f => f.Key[folder.Length..].Split('/')[0])
            .Distinct()
            .Select(name => Entry(folder, name, isDirectory: true, 0, null));
        return [.. folders, .. files];
    }

    private static Dictionary<string, object?> Entry(string folder, string name, bool isDirectory, long length, string? checksum) => new()
    {
        ["Guid"] = Guid.NewGuid().ToString(),
        ["StorageZoneName"] = Zone,
        ["Path"] = $"/{Zone}/{folder}",
        ["ObjectName"] = name,
        ["Length"] = length,
        ["LastChanged"] = "2025-03-01T12:00:00.000",
        ["IsDirectory"] = isDirectory,
        ["ServerId"] = 123,
        ["Checksum"] = checksum,
        ["ContentType"] = "",
        ["DateCreated"] = "2025-03-01T12:00:00.000",
    };

    private static Task Reply(HttpResponse response, HttpStatusCode status, string message)
    {
        response.StatusCode = (int)status;
        return response.WriteAsJsonAsync(new { HttpCode = (int)status, Message = message });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
