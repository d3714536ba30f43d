using System.Net;
using Kollektivkart.Data.Pond;
using Kollektivkart.Testing;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Pages.Errors;

/// <summary>An address the data cannot answer gets a page saying what was wrong, with links on: never a 500.</summary>
[Collection(SiteCollection.Name)]
public sealed class BadAddressTests(SiteData data)
{
    [Theory]
    [InlineData("/2031/1/8/hot-spots", 404, "There are no statistics for January 2031.")]
    [InlineData("/2025/3/8/hot-spots", 404, "There are no statistics for March 2025.")]
    [InlineData("/2025/13/8/hot-spots", 404, "\u201c2025/13\u201d is not a month")]
    [InlineData("/2025/2/24/hot-spots", 404, "\u201c24\u201d is not an hour of the day")]
    [InlineData("/2025/2/-1/hot-spots", 404, "\u201c-1\u201d is not an hour of the day")]
    [InlineData("/2025/2/abc/hot-spots", 404, "\u201cabc\u201d is not an hour of the day")]
    [InlineData("/2025/2/24/about", 404, "is not an hour of the day")]
    [InlineData("/2025/2/8/legs/XYZ", 404, "There is no operator \u201cXYZ\u201d")]
    [InlineData("/2025/2/8/legs/RUT/RUT:Line:999", 404, "Operator RUT has no line \u201cRUT:Line:999\u201d")]
    [InlineData("/2025/2/8/legs/SKY/RUT:Line:31", 404, "Operator SKY has no line")]
    [InlineData("/2025/2/8/comparison/2031/1", 404, "There are no statistics for January 2031.")]
    [InlineData("/2025/2/8/comparison/2025/1/XYZ", 404, "There is no operator \u201cXYZ\u201d")]
    [InlineData("/2025/2/8/hot-spots?lat=59.9&lon=10.7&zoom=99", 400, "zoom \u201c99\u201d is not a map zoom level")]
    [InlineData("/2025/2/8/legs/RUT?lat=abc", 400, "lat \u201cabc\u201d is not a latitude")]
    [InlineData("/2025/2/8/comparison/2025/1?lat=59.9&lon=200&zoom=5", 400, "lon \u201c200\u201d is not a longitude")]
    [InlineData("/2025/2/8/hot-spots?handler=csv&zoom=99&lat=1&lon=1", 400, "zoom \u201c99\u201d")]
    [InlineData("/2025/2/8/hot-spots?lat=NaN&lon=10&zoom=5", 400, "lat \u201cNaN\u201d is not a latitude")]
    [InlineData("/2025/2/8/legs/RUT?lat=59&lon=NaN&zoom=5", 400, "lon \u201cNaN\u201d is not a longitude")]
    [InlineData("/2025/2/8/hot-spots?lat=Infinity&lon=10&zoom=5", 400, "lat \u201cInfinity\u201d is not a latitude")]
    [InlineData("/select?view=nowhere", 400, "\u201cnowhere\u201d is not a view")]
    [InlineData("/2025/2/8/hot-spots?day=holiday", 404, "There is no day type \u201choliday\u201d: use weekday, saturday, sunday.")]
    [InlineData("/2025/2/8/legs/RUT?day=", 404, "There is no day type \u201c\u201d")]
    [InlineData("/stops/NSR:StopPlace:23?day=monday", 404, "There is no day type \u201cmonday\u201d")]
    [InlineData("/2025/3/changes", 404, "There are no statistics for March 2025.")]
    [InlineData("/2025/2/changes/XYZ", 404, "There is no operator \u201cXYZ\u201d")]
    [InlineData("/2025/2/changes/SKY/RUT:Line:31", 404, "Operator SKY has no line")]
    [InlineData("/2025/2/changes?baseline=2025-02", 404, "The baseline February 2025 is not before February 2025")]
    [InlineData("/2025/2/changes?baseline=2024-12", 404, "There are no statistics for December 2024 to measure February 2025 against.")]
    [InlineData("/2025/2/changes?baseline=2025-13", 404, "\u201c2025-13\u201d is not a baseline month")]
    [InlineData("/2025/2/changes?day=holiday", 404, "There is no day type \u201choliday\u201d")]
    [InlineData("/2025/2/changes?lat=abc", 400, "lat \u201cabc\u201d is not a latitude")]
    [InlineData("/2025/13/8/comparison", 404, "\u201c2025/13\u201d is not a month")]
    [InlineData("/2025/2/24/changes", 404, "\u201c24\u201d is not an hour of the day")]
    [InlineData("/no/such/page", 404, "There is no page at /no/such/page.")]
    public async Task A_bad_address_gets_a_page_that_says_what_was_wrong(string url, int status, string sentence)
    {
        var site = await data.Hand();

        using var response = await site.Get(url);

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = Html.Parse(body);
        var section = page.QuerySelector("main .error-page");
        Assert.NotNull(section);
        Assert.Contains(sentence, Html.Text(section), StringComparison.Ordinal);
        Assert.Contains(section.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/");
        NoStackTrace.In(body);
    }

    [Theory]
    [InlineData("POST", "/2025/2/8/hot-spots")]
    [InlineData("PUT", "/2025/2/8/hot-spots")]
    [InlineData("DELETE", "/2025/2/8/legs/RUT")]
    [InlineData("PATCH", "/no/such/page")]
    public async Task Other_methods_get_an_error_page_that_says_something(string method, string url)
    {
        var site = await data.Hand();

        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        using var response = await site.Client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.InRange((int)response.StatusCode, 400, 499);
        var section = Html.Parse(body).QuerySelector("main .error-page");
        Assert.NotNull(section);
        Assert.NotEqual("", Html.Text(section.QuerySelector("h1")!));
        Assert.NotEqual("", Html.Text(section.QuerySelector("p")!));
        NoStackTrace.In(body);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_methods_on_the_api_get_a_json_error(string method)
    {
        var site = await data.Hand();

        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/hot-spots/2025/2/8");
        using var response = await site.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("This address only answers GET requests.", json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Htmx_gets_the_error_without_the_layout()
    {
        var site = await data.Hand();

        using var response = await site.Get("/2025/2/8/legs/XYZ", ("HX-Request", "true"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<html", body, StringComparison.Ordinal);
        Assert.Contains("There is no operator", Html.Text(Html.Parse(body).QuerySelector(".error-page")!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/2025/2/8/legs/' OR 1=1 --")]
    [InlineData("/2025/2/8/legs/RUT' OR '1'='1")]
    [InlineData("/2025/2/8/legs/RUT/%27%3B%20DROP%20TABLE%20leg_stats")]
    [InlineData("/2025/2/8/legs/RUT/' OR 1=1 --")]
    [InlineData("/2025/2/8/comparison/2025/1/%27%3B%20DROP%20TABLE%20leg_stats")]
    [InlineData("/2025/2/8/comparison/2025/1/RUT/' OR 1=1 --")]
    [InlineData("/api/lines/' OR 1=1 --")]
    [InlineData("/api/leg-stats/2025/2/8/%27%3B%20DROP%20TABLE%20leg_stats")]
    [InlineData("/api/leg-stats/2025/2/8/RUT?line_ref=%27%3B%20DROP%20TABLE%20leg_stats")]
    [InlineData("/api/comparison/2025/2/2025/1/8?&data_source=' OR 1=1 --")]
    [InlineData("/api/comparison/2025/2/2025/1/8?&data_source=RUT&line_ref=' OR 1=1 --")]
    public async Task Sql_in_an_operator_or_line_is_not_found_and_the_data_stays(string url)
    {
        var site = await data.Hand();
        var before = TempFolder.Snapshot(data.HandBuilt.Folder);

        using var response = await site.Get(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        NoStackTrace.In(await response.Content.ReadAsStringAsync());
        Assert.Equal(before, TempFolder.Snapshot(data.HandBuilt.Folder));
        var legs = ApiFrame.Parse(await site.GetOk("/api/leg-stats/2025/2/8/RUT"), ApiFrame.LegStatFields);
        Assert.Equal(3, legs.Count);
        Assert.True(File.Exists(Path.Combine(data.HandBuilt.Folder, PondLayout.StatsDb)));
    }
}
