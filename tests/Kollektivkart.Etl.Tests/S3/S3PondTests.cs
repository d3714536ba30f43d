using System.Security.Cryptography;
using Kollektivkart.Data.Pond;
using Kollektivkart.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kollektivkart.Etl.Tests.S3;

/// <summary>The S3 pond in process: multipart uploads, and a cache that knows its files without downloading them again.</summary>
public sealed class S3PondTests
{
    [Fact]
    public void A_large_file_goes_up_in_parts_comes_back_whole_and_is_recognised_without_a_transfer()
    {
        using var server = S3rver.Start(S3PondFixture.Bucket);
        using var folder = new TempFolder();
        var location = S3Location.Parse(S3PondFixture.Pond("parts"));
        var options = new S3Options
        {
            AccessKeyId = S3rver.AccessKey,
            SecretAccessKey = S3rver.SecretKey,
            Endpoint = server.Endpoint.ToString(),
            PartSize = S3Options.MinimumPartSize,
        };
        var content = RandomNumberGenerator.GetBytes((int)(2.5 * S3Options.MinimumPartSize));

        using (var pond = S3Pond.Open(location, options, folder.Sub("writer"), NullLogger.Instance))
        {
            using var staging = pond.BeginStaging();
            File.WriteAllBytes(staging.FilePath("big.bin"), content);
            pond.CommitFile(staging.FilePath("big.bin"), "big.bin");
            var upload = pond.Publish();
            Assert.Equal((1, content.LongLength), (upload.FilesDone, upload.BytesDone));
        }
        Assert.Contains("Stored part 3 of", server.Output);
        Assert.Equal(content.LongLength, server.List(S3PondFixture.Bucket, "parts")["big.bin"].Size);

        using (var reader = S3Pond.Open(location, options, folder.Sub("reader"), NullLogger.Instance))
        {
            var download = reader.FetchAll();
            Assert.Equal((1, content.LongLength), (download.FilesDone, download.BytesDone));
            Assert.Equal(content, File.ReadAllBytes(Path.Combine(reader.Root, "big.bin")));
            Assert.True(reader.FileExists("big.bin"));
        }
        // The writer's cache holds the file as uploaded, the reader's as downloaded; neither transfers it again,
        // and neither does a cache that lost its index of ETags (the file is hashed instead).
        File.Delete(Path.Combine(folder.Sub("reader"), ".etags.tsv"));
        foreach (var cache in new[] { "writer", "reader" })
        {
            using var pond = S3Pond.Open(location, options, folder.Sub(cache), NullLogger.Instance);
            Assert.Equal(0, pond.FetchAll().FilesTotal);
            Assert.Equal(0, pond.Publish().FilesTotal);
        }
    }
}
