using System.Net;
using System.Text.Json;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Api;

/// <summary>Anything the API cannot answer is a 404 with {"error": sentence}: never a 500, never a stack trace.</summary>
[Collection(SiteCollection.Name)]
public sealed class ApiErrorTests(SiteData data)
{
    [Theory]
    [InlineData("/api/hot-spots/2031/1/8", "no statistics for January 2031")]
    [InlineData("/api/hot-spots/2025/3/8", "no statistics for March 2025")]
    [InlineData("/api/hot-spots/2025/13/8", "is not a month")]
    [InlineData("/api/hot-spots/2025/0/8", "is not a month")]
    [InlineData("/api/hot-spots/2025/2/24", "is not an hour of the day")]
    [InlineData("/api/hot-spots/2025/2/-1", "is not an hour of the day")]
    [InlineData("/api/hot-spots/2025/2/abc", "is not an hour of the day")]
    [InlineData("/api/leg-stats/2025/2/8/XYZ", "no operator")]
    [InlineData("/api/leg-stats/2025/2/8/RUT?line_ref=RUT:Line:999", "has no line")]
    [InlineData("/api/leg-stats/2025/2/8/SKY?line_ref=RUT:Line:31", "has no line")]
    [InlineData("/api/comparison/2025/2/2031/1/8?&", "no statistics for January 2031")]
    [InlineData("/api/comparison/2025/2/2025/1/25?&", "is not an hour of the day")]
    [InlineData("/api/comparison/2025/2/2025/1/8?&data_source=XYZ", "no operator")]
    [InlineData("/api/comparison/2025/2/2025/1/8?&data_source=SKY&line_ref=RUT:Line:31", "has no line")]
    [InlineData("/api/lines/XYZ", "no operator")]
    [InlineData("/api/no-such-thing", "no page at /api/no-such-thing")]
    public async Task Unknown_values_are_a_404_with_an_error_sentence(string url, string problem)
    {
        var site = await data.Hand();

        using var response = await site.Get(url, ("Accept", "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Contains(problem, json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        NoStackTrace.In(body);
    }
}
