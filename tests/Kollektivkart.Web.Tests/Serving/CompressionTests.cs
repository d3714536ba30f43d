using System.IO.Compression;
using Kollektivkart.Web.Serving;
using Kollektivkart.Web.Tests.Support;

namespace Kollektivkart.Web.Tests.Serving;

/// <summary>
/// Pages get Brotli's Optimal, data answers (JSON, CSV) its Fastest, each compressed whole: what a Brotli client
/// receives is exactly the identity answer compressed in one go at that quality, and decodes to it.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class CompressionTests(SiteData data)
{
    [Theory]
    [InlineData("/2025/2/8/hot-spots", 4)]
    [InlineData("/2025/2/8/hot-spots?handler=map", 1)]
    [InlineData("/api/hot-spots/2025/2/8", 1)]
    [InlineData("/2025/2/8/hot-spots?handler=csv", 1)]
    [InlineData("/2025/2/changes", 4)]
    public async Task A_brotli_answer_is_the_whole_identity_answer_compressed_at_the_quality_of_its_kind(string url, int quality)
    {
        var site = await data.Hand();

        var identity = await Body(site, url, "identity", expectedEncoding: null);
        var brotli = await Body(site, url, "br", expectedEncoding: "br");

        Assert.True(identity.Length > 500, $"{url}: {identity.Length} bytes, too few to tell qualities apart");
        Assert.Equal(identity, Decode(brotli));
        Assert.Equal(Compress(identity, quality), brotli);
    }

    [Theory]
    [InlineData("application/json", CompressionLevel.Fastest)]
    [InlineData("application/json; charset=utf-8", CompressionLevel.Fastest)]
    [InlineData("text/csv; charset=utf-8", CompressionLevel.Fastest)]
    [InlineData("text/html; charset=utf-8", CompressionLevel.Optimal)]
    [InlineData("application/atom+xml; charset=utf-8", CompressionLevel.Optimal)]
    [InlineData(null, CompressionLevel.Optimal)]
    public void Data_answers_get_the_fastest_level_and_the_rest_the_optimal(string? contentType, CompressionLevel level) =>
        Assert.Equal(level, Compression.BrotliLevel(contentType));

    private static async Task<byte[]> Body(Site site, string url, string acceptEncoding, string? expectedEncoding)
    {
        using var response = await site.Get(url, ("Accept-Encoding", acceptEncoding));
        response.EnsureSuccessStatusCode();
        Assert.Equal(expectedEncoding, response.Content.Headers.ContentEncoding.SingleOrDefault());
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static byte[] Decode(byte[] brotli)
    {
        using var decoded = new MemoryStream();
        using (var stream = new BrotliStream(new MemoryStream(brotli), CompressionMode.Decompress))
        {
            stream.CopyTo(decoded);
        }
        return decoded.ToArray();
    }

    private static byte[] Compress(byte[] data, int quality)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(data.Length)];
        Assert.True(BrotliEncoder.TryCompress(data, output, out var written, quality, 22));
        return output[..written];
    }
}
