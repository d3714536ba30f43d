using System.Net;
using Kollektivkart.Etl.Bunny;
using Kollektivkart.Etl.Tests.Support;
using Kollektivkart.Testing;

namespace Kollektivkart.Etl.Tests.Bunny;

/// <summary>
/// <c>cdn-push</c> run as a real process against a fake Bunny on 127.0.0.1: a sync that uploads what
/// changed (HTML last), deletes what went away, purges once, refuses corrupt uploads, retries a
/// throttled server a bounded number of times, and never shows a key.
/// </summary>
public sealed class CdnPushTests : IAsyncLifetime
{
    private static readonly string[] NonHtml = ["css/site.css", "data/outline.json", "favicon.svg", "js/site.js", "lib/leaflet/images/marker-icon.png", "robots.txt"];
    private static readonly string[] Html = ["about/index.html", "index.html"];

    private readonly TempFolder _folder = new();
    private FakeBunny _bunny = null!;

    private string Assets => _folder.Sub("wwwroot");

    public async Task InitializeAsync()
    {
        _bunny = await FakeBunny.Start();
        Write("index.html", "<!doctype html><title>Kollektivkart</title><link rel=stylesheet href=css/site.css>");
        Write("about/index.html", "<!doctype html><title>About</title>");
        Write("css/site.css", "body { margin: 0; }\n");
        Write("js/site.js", "document.documentElement.classList.add('js');\n");
        Write("favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Write("robots.txt", "User-agent: *\n");
        Write("data/outline.json", "{\"type\":\"FeatureCollection\",\"features\":[]}\n");
        var png = Path.Combine(Assets, "lib/leaflet/images/marker-icon.png");
        Directory.CreateDirectory(Path.GetDirectoryName(png)!);
        File.WriteAllBytes(png, Enumerable.Range(0, 600).Select(i => (byte)(i * 7)).ToArray());
    }

    [Fact]
    public void The_first_push_uploads_every_file_with_its_type_html_last_then_purges_once()
    {
        var result = Push();

        Assert.True(result.ExitCode == 0, result.Output);
        AssertZoneHoldsTheAssets();
        Assert.Equal("text/css; charset=utf-8", _bunny.Files["css/site.css"].ContentType);
        Assert.Equal("text/javascript; charset=utf-8", _bunny.Files["js/site.js"].ContentType);
        Assert.Equal("image/png", _bunny.Files["lib/leaflet/images/marker-icon.png"].ContentType);
        Assert.Equal("image/svg+xml", _bunny.Files["favicon.svg"].ContentType);
        // The map's outline, which map.js fetches from the CDN as JSON.
        Assert.Equal("application/json", _bunny.Files["data/outline.json"].ContentType);
        Assert.Equal("text/html; charset=utf-8", _bunny.Files["index.html"].ContentType);
        var writes = _bunny.Writes;
        var uploads = writes.Where(w => w.Method == "PUT").Select(w => w.Path).ToList();
        Assert.Equal(NonHtml.Length + Html.Length, uploads.Count);
        Assert.Equal(Html.Order(), uploads.TakeLast(Html.Length).Order());
        Assert.Equal(new BunnyRequest("POST", $"/pullzone/{FakeBunny.PullZoneId}/purgeCache"), writes[^1]);
        Assert.Equal(1, _bunny.Purges);
        Assert.Contains("8/8 files", result.Output);
    }

    [Fact]
    public void A_second_push_uploads_nothing_and_does_not_purge()
    {
        AssertOk(Push());
        var before = _bunny.Writes.Count;

        var second = Push();

        AssertOk(second);
        Assert.Equal(before, _bunny.Writes.Count);
        Assert.Contains("0 files uploaded (0 bytes), 0 deleted, 8 unchanged, nothing to purge", second.Output);
    }

    [Fact]
    public void A_changed_file_is_uploaded_again_and_alone()
    {
        AssertOk(Push());
        var before = _bunny.Writes.Count;
        Write("css/site.css", "body { margin: 0; color: #222; }\n");

        AssertOk(Push());

        Assert.Equal(
            [new("PUT", "css/site.css"), new("POST", $"/pullzone/{FakeBunny.PullZoneId}/purgeCache")],
            _bunny.Writes.Skip(before));
        AssertZoneHoldsTheAssets();
    }

    [Fact]
    public void Files_deleted_here_are_deleted_there()
    {
        AssertOk(Push());
        var before = _bunny.Writes.Count;
        File.Delete(Path.Combine(Assets, "js/site.js"));
        Directory.Delete(Path.Combine(Assets, "about"), recursive: true);

        var result = Push();

        AssertOk(result);
        Assert.Equal(
            [new("DELETE", "about/index.html"), new("DELETE", "js/site.js"), new("POST", $"/pullzone/{FakeBunny.PullZoneId}/purgeCache")],
            _bunny.Writes.Skip(before));
        AssertZoneHoldsTheAssets();
    }

    [Fact]
    public void A_remote_file_without_a_checksum_or_of_another_content_is_replaced()
    {
        var css = File.ReadAllBytes(Path.Combine(Assets, "css/site.css"));
        _bunny.Store("css/site.css", css, checksum: null);
        _bunny.Store("robots.txt", "Disallow: /"u8.ToArray(), FakeBunny.Sha256("Disallow: /"u8.ToArray()));
        _bunny.Store("old/app.js", "old"u8.ToArray(), FakeBunny.Sha256("old"u8.ToArray()));

        AssertOk(Push());

        AssertZoneHoldsTheAssets();
        Assert.Contains(new BunnyRequest("PUT", "css/site.css"), _bunny.Writes);
        Assert.Contains(new BunnyRequest("DELETE", "old/app.js"), _bunny.Writes);
    }

    [Fact]
    public void A_corrupted_upload_is_rejected_and_fails_the_push_naming_the_file()
    {
        _bunny.Corrupting = true;

        var result = Push();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("upload of css/site.css was rejected (400", result.Output);
        Assert.Empty(_bunny.Files);
        Assert.DoesNotContain(_bunny.Writes, w => w.Path.EndsWith(".html", StringComparison.Ordinal));
        Assert.Equal(0, _bunny.Purges);
    }

    [Fact]
    public void A_dry_run_lists_what_it_would_do_and_changes_nothing()
    {
        AssertOk(Push());
        var before = _bunny.Writes.Count;
        var stored = _bunny.Files.ToDictionary(f => f.Key, f => f.Value);
        Write("css/site.css", "body { margin: 1px; }\n");
        Write("js/new.js", "console.log('new');\n");
        File.Delete(Path.Combine(Assets, "robots.txt"));

        var result = Push("--dry-run");

        AssertOk(result);
        Assert.Contains("Would upload css/site.css (22 bytes, changed)", result.Output);
        Assert.Contains("Would upload js/new.js (20 bytes, new)", result.Output);
        Assert.Contains("Would delete robots.txt", result.Output);
        Assert.Contains($"a push would purge pull zone {FakeBunny.PullZoneId}", result.Output);
        Assert.Equal(before, _bunny.Writes.Count);
        Assert.Equal(stored, _bunny.Files.ToDictionary(f => f.Key, f => f.Value));
    }

    [Fact]
    public void Without_a_storage_zone_the_push_is_skipped_with_one_line()
    {
        var unset = _bunny.Environment().ToDictionary(v => v.Key, _ => (string?)"");

        var result = EtlProcess.Run(unset, "cdn-push", "--source", Assets);

        AssertOk(result);
        var line = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("CDN push skipped", line);
        Assert.Empty(_bunny.Requests);
    }

    [Theory]
    [InlineData(BunnyOptions.StorageZoneVariable, BunnyOptions.StorageKeyVariable)]
    [InlineData(BunnyOptions.PullZoneIdVariable, BunnyOptions.ApiKeyVariable)]
    public void Half_a_configuration_is_refused_naming_what_is_missing(string set, string missing)
    {
        var environment = _bunny.Environment();
        environment[missing] = "";

        var result = EtlProcess.Run(environment, "cdn-push", "--source", Assets);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{set} is set but {missing} is not", result.Output);
        AssertNoKeys(result);
        Assert.Empty(_bunny.Requests);
    }

    [Fact]
    public void A_wrong_storage_key_names_the_variable_but_never_shows_a_key()
    {
        var environment = _bunny.Environment();
        environment[BunnyOptions.StorageKeyVariable] = "wrong-password-0d9e8f";

        var result = EtlProcess.Run(environment, "cdn-push", "--source", Assets);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"refused the access key (401): check {BunnyOptions.StorageKeyVariable}", result.Output);
        Assert.DoesNotContain("wrong-password-0d9e8f", result.Output);
        AssertNoKeys(result);
    }

    [Fact]
    public void A_server_that_repeats_the_key_in_its_error_does_not_get_it_into_the_log()
    {
        _bunny.RefuseAll(HttpStatusCode.Forbidden);

        var result = Push();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("403", result.Output);
        Assert.Contains("Refused for key ***", result.Output);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public void Throttling_and_server_errors_are_retried(HttpStatusCode status)
    {
        _bunny.FailNext(2, status);

        AssertOk(Push());

        AssertZoneHoldsTheAssets();
        Assert.Equal(1, _bunny.Purges);
    }

    [Fact]
    public void Retries_are_bounded()
    {
        _bunny.FailNext(int.MaxValue, HttpStatusCode.TooManyRequests);

        var result = Push();

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"failed after {RetryingSender.Attempts} attempts: 429", result.Output);
        Assert.Equal(RetryingSender.Attempts, _bunny.Requests.Count);
    }

    [Fact]
    public void A_missing_or_empty_source_folder_is_refused()
    {
        var empty = _folder.Sub("empty");
        Directory.CreateDirectory(empty);

        var missing = EtlProcess.Run(_bunny.Environment(), "cdn-push", "--source", _folder.Sub("nowhere"));
        var nothing = EtlProcess.Run(_bunny.Environment(), "cdn-push", "--source", empty);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("does not exist", missing.Output);
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("refusing to delete everything", nothing.Output);
        Assert.Empty(_bunny.Requests);
    }

    private EtlResult Push(params string[] options)
    {
        var result = EtlProcess.Run(_bunny.Environment(), ["cdn-push", "--source", Assets, .. options]);
        AssertNoKeys(result);
        return result;
    }

    private static void AssertOk(EtlResult result) => Assert.True(result.ExitCode == 0, result.Output);

    private static void AssertNoKeys(EtlResult result)
    {
        Assert.DoesNotContain(FakeBunny.StorageKey, result.Output);
        Assert.DoesNotContain(FakeBunny.ApiKey, result.Output);
    }

    /// <summary>The zone holds exactly the asset folder's files, byte for byte, with their checksums.</summary>
    private void AssertZoneHoldsTheAssets()
    {
        var local = Directory.EnumerateFiles(Assets, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Assets, f).Replace('\\', '/'), File.ReadAllBytes);
        Assert.Equal(local.Keys.Order(StringComparer.Ordinal), _bunny.Files.Keys.Order(StringComparer.Ordinal));
        Assert.All(local, file =>
        {
            Assert.Equal(file.Value, _bunny.Files[file.Key].Content);
            Assert.Equal(FakeBunny.Sha256(file.Value), _bunny.Files[file.Key].Checksum);
        });
    }

    private void Write(string path, string content)
    {
        var file = Path.Combine(Assets, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
    }

    public async Task DisposeAsync()
    {
        await _bunny.DisposeAsync();
        _folder.Dispose();
    }
}
