using System.Globalization;
using System.Net;
using System.Text.Json;
using Kollektivkart.Data.Pond;
using Kollektivkart.Testing;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Serving;

/// <summary>
/// After a stats.db is loaded, at start and after a swap, the newest month's hot-spots page of every hour and each
/// operator's legs page, with their map data, are answered from memory on a visitor's first asking: the site put them
/// there itself. The built site as its own process on 127.0.0.1, asked as a browser asks.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class WarmUpTests(SiteData data)
{
    private const string Browser = "gzip, deflate, br, zstd";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_newest_months_first_pages_are_in_memory_after_start_and_after_a_swap()
    {
        using var folder = new TempFolder();
        var pond = folder.Sub("pond");
        Directory.CreateDirectory(pond);
        File.Copy(Path.Combine(data.HandBuilt.Folder, PondLayout.StatsDb), Path.Combine(pond, PondLayout.StatsDb));
        using var web = WebProcess.Start(new Dictionary<string, string>
        {
            ["PARQUET_LOCATION"] = pond,
            ["DRAIN_SECONDS"] = "0",
            ["POND_REFRESH_SECONDS"] = "1",
        });
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            BaseAddress = await web.Ready(Timeout),
        };

        await WarmedGeneration(http, web, 1);
        var first = await AllFromMemory(http);

        // As the job publishes: written aside, then moved over the served file.
        var aside = Path.Combine(pond, "stats.db.new");
        File.Copy(Path.Combine(data.DemoPond, PondLayout.StatsDb), aside);
        File.Move(aside, Path.Combine(pond, PondLayout.StatsDb), overwrite: true);
        await WarmedGeneration(http, web, 2);
        var second = await AllFromMemory(http);

        Assert.NotEqual(first, second);
    }

    /// <summary>Waits until /status reports the warm-up of that stats.db generation done, with nothing failed.</summary>
    private static async Task WarmedGeneration(HttpClient http, WebProcess web, long generation)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            // The data of these ponds is long past, so /status answers 503 (stale), with its JSON all the same.
            using var answer = await http.GetAsync("/status?format=json");
            using var status = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
            if (status.RootElement.GetProperty("warm_up") is { ValueKind: JsonValueKind.Object } warm
                && warm.GetProperty("generation").GetInt64() == generation)
            {
                Assert.True(warm.GetProperty("failed").GetInt32() == 0, $"the warm-up failed to fill some answers:\n{web.Output}");
                Assert.True(warm.GetProperty("answers").GetInt32() > 0);
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"no warm-up of generation {generation} within {Timeout.TotalSeconds} s:\n{web.Output}");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Every hour's hot-spots page of the month the front page opens, each operator's legs page there, their map
    /// data, the operators page and each operator's page answer from the cache on this first asking (an Age header), while an address nobody asked for does not.
    /// </summary>
    private static async Task<string> AllFromMemory(HttpClient http)
    {
        using var front = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Found, front.StatusCode);
        var month = front.Headers.Location!.OriginalString.Split('/')[1..3];
        using var names = JsonDocument.Parse(await http.GetStringAsync("/api/datasource-names"));
        var operators = names.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.NotEmpty(operators);
        var pages = Enumerable.Range(0, 24).Select(h => $"/{month[0]}/{month[1]}/{h}/hot-spots")
            .Concat(operators.Select(o => $"/{month[0]}/{month[1]}/15/legs/{o}"))
            .Append($"/{month[0]}/{month[1]}/15/punctuality")
            .ToList();

        var notCached = new List<string>();
        foreach (var page in pages)
        {
            var mapData = await FromMemory(http, page, notCached);
            Assert.StartsWith(page + "?handler=map", mapData, StringComparison.Ordinal);
            await FromMemory(http, mapData, notCached);
        }
        using (var operatorsPage = await Get(http, "/operators"))
        {
            Assert.Equal(HttpStatusCode.OK, operatorsPage.StatusCode);
            if (!operatorsPage.Headers.Age.HasValue)
            {
                notCached.Add("/operators");
            }
        }
        foreach (var code in operators)
        {
            await FromMemory(http, $"/operators/{code}?month={month[0]}-{int.Parse(month[1], CultureInfo.InvariantCulture):00}", notCached);
        }
        Assert.True(notCached.Count == 0, "not answered from memory: " + string.Join(", ", notCached));

        using var unasked = await Get(http, $"/{month[0]}/{month[1]}/15/hot-spots?day=sunday");
        Assert.False(unasked.Headers.Age.HasValue, "an address nobody asked for came from the cache");
        return string.Join(",", month);
    }

    /// <summary>Asks for a page as a browser does; notes it when not from the cache; the address of its map data.</summary>
    private static async Task<string> FromMemory(HttpClient http, string url, List<string> notCached)
    {
        using var response = await Get(http, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (!response.Headers.Age.HasValue)
        {
            notCached.Add(url);
        }
        if (response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            return "";
        }
        var html = await Decoded(response);
        return WebUtility.HtmlDecode(Html.Parse(html).QuerySelector("script#map-data")?.GetAttribute("data-src") ?? "");
    }

    private static async Task<HttpResponseMessage> Get(HttpClient http, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", Browser);
        return await http.SendAsync(request);
    }

    private static async Task<string> Decoded(HttpResponseMessage response)
    {
        await using var raw = await response.Content.ReadAsStreamAsync();
        await using Stream body = response.Content.Headers.ContentEncoding.FirstOrDefault() switch
        {
            "br" => new System.IO.Compression.BrotliStream(raw, System.IO.Compression.CompressionMode.Decompress),
            "gzip" => new System.IO.Compression.GZipStream(raw, System.IO.Compression.CompressionMode.Decompress),
            _ => raw,
        };
        using var reader = new StreamReader(body);
        return await reader.ReadToEndAsync();
    }
}
