using Kollektivkart.Data.Pond;

namespace Kollektivkart.Etl.Tests.S3;

/// <summary>How an S3 pond is named and reached: locations, endpoints, and a secret that never shows.</summary>
public sealed class S3OptionsTests
{
    [Theory]
    [InlineData("s3://bucket/pond", "bucket", "pond", "s3://bucket/pond")]
    [InlineData("s3://bucket/a/b/", "bucket", "a/b", "s3://bucket/a/b")]
    [InlineData("S3://bucket", "bucket", "", "s3://bucket")]
    public void A_location_names_a_bucket_and_a_prefix(string text, string bucket, string prefix, string shown)
    {
        var location = S3Location.Parse(text);

        Assert.Equal((bucket, prefix, shown), (location.Bucket, location.Prefix, location.ToString()));
        Assert.Equal(prefix.Length == 0 ? "stats.db" : prefix + "/stats.db", location.KeyOf("stats.db"));
    }

    [Theory]
    [InlineData("s3://")]
    [InlineData("s3:///pond")]
    [InlineData("s3://bucket/a/../b")]
    public void A_location_without_a_bucket_or_with_odd_folders_is_refused(string text) =>
        Assert.Throws<PondException>(() => S3Location.Parse(text));

    [Theory]
    [InlineData("hel1.your-objectstorage.com", "https://hel1.your-objectstorage.com/")]
    [InlineData("http://127.0.0.1:4568", "http://127.0.0.1:4568/")]
    [InlineData(" https://s3.example.com ", "https://s3.example.com/")]
    public void An_endpoint_is_a_host_meaning_https_or_a_url_with_its_scheme(string endpoint, string url) =>
        Assert.Equal(url, new S3Options { Endpoint = endpoint }.EndpointUrl()!.ToString());

    [Fact]
    public void Without_an_endpoint_requests_go_to_aws_in_the_region()
    {
        Assert.Null(new S3Options().EndpointUrl());
        Assert.Equal("AWS (eu-north-1)", new S3Options { Region = "eu-north-1" }.EndpointDescription());
        Assert.Equal("AWS (us-east-1)", new S3Options().EndpointDescription());
    }

    [Fact]
    public void An_endpoint_of_another_scheme_is_refused_with_its_variable_named()
    {
        var error = Assert.Throws<PondException>(() => new S3Options { Endpoint = "ftp://example.com" }.EndpointUrl());
        Assert.Contains("DUCKDB_S3_ENDPOINT", error.Message);
    }

    [Fact]
    public void The_secret_never_appears_in_text()
    {
        var options = new S3Options { AccessKeyId = "AKIAEXAMPLE", SecretAccessKey = "very-secret", Endpoint = "http://127.0.0.1:1" };

        Assert.DoesNotContain("very-secret", options.ToString());
        Assert.DoesNotContain("AKIAEXAMPLE", options.ToString());
        var missing = Assert.Throws<PondException>(() => new S3Options { AccessKeyId = "AKIAEXAMPLE" }.CreateClient());
        Assert.Equal("An S3 pond needs credentials: set AWS_SECRET_ACCESS_KEY.", missing.Message);
    }
}
