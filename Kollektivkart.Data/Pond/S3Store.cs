using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Kollektivkart.Data.Pond;

/// <summary>An object of an S3 pond: its key relative to the pond's prefix, size and ETag (unquoted, lower case).</summary>
public sealed record RemoteObject(string Key, long Size, string ETag);

/// <summary>A small text object as read: its content, ETag, and when the server stored it.</summary>
public sealed record StoredText(string Text, string ETag, DateTimeOffset Written);

/// <summary>
/// The bucket side of an S3 pond: list, head, get, put (one request or multipart), copy and delete,
/// with keys relative to the pond's prefix. Refused credentials and a missing bucket become a
/// <see cref="PondException"/> naming the pond and the variables to check; other failures an
/// <see cref="IOException"/>. Neither carries a key or secret.
/// </summary>
public sealed class S3Store : IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly string _endpoint;

    public S3Store(S3Location location, S3Options options)
    {
        Location = location;
        Options = options;
        _endpoint = options.EndpointDescription();
        _client = options.CreateClient();
    }

    public S3Location Location { get; }

    public S3Options Options { get; }

    /// <summary>Every object under the pond's prefix, page by page.</summary>
    public async Task<IReadOnlyList<RemoteObject>> List(CancellationToken cancellationToken)
    {
        var objects = new List<RemoteObject>();
        var prefix = Location.ListPrefix;
        string? token = null;
        do
        {
            var request = new ListObjectsV2Request { BucketName = Location.Bucket, Prefix = prefix, ContinuationToken = token };
            var response = await Call("list", () => _client.ListObjectsV2Async(request, cancellationToken)).ConfigureAwait(false);
            foreach (var item in response.S3Objects ?? [])
            {
                var key = item.Key[prefix.Length..];
                if (key.Length > 0 && !key.EndsWith('/'))
                {
                    objects.Add(new RemoteObject(key, item.Size ?? 0, ETags.Normalize(item.ETag)));
                }
            }
            token = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (token is not null);
        return objects;
    }

    /// <summary>The object's size and ETag, or null when there is no such object.</summary>
    public async Task<RemoteObject?> Head(string key, CancellationToken cancellationToken)
    {
        var request = new GetObjectMetadataRequest { BucketName = Location.Bucket, Key = Location.KeyOf(key) };
        try
        {
            var response = await Call("read " + key, () => _client.GetObjectMetadataAsync(request, cancellationToken)).ConfigureAwait(false);
            return new RemoteObject(key, response.ContentLength, ETags.Normalize(response.ETag));
        }
        catch (IOException e) when (e.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.NotFound })
        {
            return null;
        }
    }

    /// <summary>
    /// Writes the object to <paramref name="path"/> and checks it arrived whole and is the version
    /// listed: size and ETag as listed, and the MD5 of the bytes where the ETag is one.
    /// </summary>
    public async Task Download(RemoteObject item, string path, IProgress<long>? bytes, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = Location.Bucket, Key = Location.KeyOf(item.Key) };
        using var response = await Call("download " + item.Key, () => _client.GetObjectAsync(request, cancellationToken)).ConfigureAwait(false);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        long written = 0;
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await using var body = response.ResponseStream;
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await ReadBody(body, buffer, item.Key, cancellationToken).ConfigureAwait(false)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                written += read;
                bytes?.Report(read);
            }
        }
        var etag = ETags.Normalize(response.ETag);
        var hash = Convert.ToHexStringLower(md5.GetHashAndReset());
        var complete = written == response.ContentLength && written == item.Size && etag == item.ETag;
        // An ETag of 32 hex digits is usually the MD5 of the bytes; where it is not (encryption with
        // KMS keys, say), the object is at least unchanged since it was listed.
        if (complete && etag != hash && etag.Length == 32)
        {
            var again = await Head(item.Key, cancellationToken).ConfigureAwait(false);
            complete = again is not null && again.ETag == item.ETag && again.Size == item.Size;
        }
        if (!complete)
        {
            throw new IOException($"{Location}/{item.Key} arrived incomplete or changed while downloading ({written} of {item.Size} bytes); run again.");
        }
    }

    /// <summary>Puts a file, in one request or, past the part size, as a multipart upload; returns the new ETag.</summary>
    public async Task<string> Upload(string path, string key, IProgress<long>? bytes, CancellationToken cancellationToken)
    {
        var size = new FileInfo(path).Length;
        if (size <= Options.PartSize)
        {
            var request = new PutObjectRequest
            {
                BucketName = Location.Bucket,
                Key = Location.KeyOf(key),
                FilePath = path,
                // Without this the SDK sends aws-chunked framing, which s3rver stores as part of the object.
                UseChunkEncoding = false,
            };
            var response = await Call("upload " + key, () => _client.PutObjectAsync(request, cancellationToken)).ConfigureAwait(false);
            bytes?.Report(size);
            return ETags.Normalize(response.ETag);
        }
        return await UploadInParts(path, key, size, bytes, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> UploadInParts(string path, string key, long size, IProgress<long>? bytes, CancellationToken cancellationToken)
    {
        var fullKey = Location.KeyOf(key);
        var started = await Call("upload " + key, () => _client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = Location.Bucket, Key = fullKey }, cancellationToken)).ConfigureAwait(false);
        try
        {
            var parts = new List<PartETag>();
            for (long offset = 0, number = 1; offset < size; offset += Options.PartSize, number++)
            {
                var request = new UploadPartRequest
                {
                    BucketName = Location.Bucket,
                    Key = fullKey,
                    UploadId = started.UploadId,
                    PartNumber = (int)number,
                    FilePath = path,
                    FilePosition = offset,
                    PartSize = Math.Min(Options.PartSize, size - offset),
                    UseChunkEncoding = false,
                };
                var part = await Call("upload " + key, () => _client.UploadPartAsync(request, cancellationToken)).ConfigureAwait(false);
                parts.Add(new PartETag((int)number, part.ETag));
                bytes?.Report(request.PartSize.Value);
            }
            var done = await Call("upload " + key, () => _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = Location.Bucket,
                Key = fullKey,
                UploadId = started.UploadId,
                PartETags = parts,
            }, cancellationToken)).ConfigureAwait(false);
            return ETags.Normalize(done.ETag);
        }
        catch
        {
            // Best effort: a provider also drops unfinished uploads by its own lifecycle rules.
            try
            {
                await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest
                {
                    BucketName = Location.Bucket,
                    Key = fullKey,
                    UploadId = started.UploadId,
                }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException)
            {
            }
            throw;
        }
    }

    /// <summary>Copies one object of the pond onto another key (one request on the server); returns the new ETag.</summary>
    public async Task<string> Copy(string from, string to, CancellationToken cancellationToken)
    {
        var request = new CopyObjectRequest
        {
            SourceBucket = Location.Bucket,
            SourceKey = Location.KeyOf(from),
            DestinationBucket = Location.Bucket,
            DestinationKey = Location.KeyOf(to),
        };
        var response = await Call($"copy {from} to {to}", () => _client.CopyObjectAsync(request, cancellationToken)).ConfigureAwait(false);
        return ETags.Normalize(response.ETag);
    }

    /// <summary>An empty object, e.g. a marker.</summary>
    public Task PutEmpty(string key, CancellationToken cancellationToken) =>
        Call("write " + key, () => _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Location.Bucket,
            Key = Location.KeyOf(key),
            ContentBody = "",
            UseChunkEncoding = false,
        }, cancellationToken));

    /// <summary>A small text object with its ETag and the server's time of writing, or null when there is none.</summary>
    /// <remarks>
    /// A store may serve an object while its body is still being written (s3rver does, and two runs racing for a lock
    /// read each other's): the body then fails the SDK's check against the object's MD5. Such a torn read is asked
    /// again, a few times, before it counts as a failed request (<see cref="IOException"/>).
    /// </remarks>
    public async Task<StoredText?> ReadText(string key, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await ReadTextOnce(key, cancellationToken).ConfigureAwait(false);
            }
            catch (AmazonClientException e) when (e.Message.Contains("hash", StringComparison.OrdinalIgnoreCase))
            {
                if (attempt == TornReadAttempts)
                {
                    throw new IOException($"S3 at {_endpoint} served {key} in {Location} torn {TornReadAttempts} times (its body did not match its checksum).", e);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private const int TornReadAttempts = 5;

    private async Task<StoredText?> ReadTextOnce(string key, CancellationToken cancellationToken)
    {
        var request = new GetObjectRequest { BucketName = Location.Bucket, Key = Location.KeyOf(key) };
        try
        {
            using var response = await Call("read " + key, () => _client.GetObjectAsync(request, cancellationToken)).ConfigureAwait(false);
            using var reader = new StreamReader(response.ResponseStream);
            var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            var written = response.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UtcNow;
            return new StoredText(text, ETags.Normalize(response.ETag), written);
        }
        catch (IOException e) when (e.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.NotFound })
        {
            return null;
        }
    }

    /// <summary>
    /// Puts a small text object only if none exists (<paramref name="ifMatch"/> null) or only over the
    /// version with that ETag; false when the store refused for that reason. A store that ignores the
    /// conditions (s3rver) overwrites, which the caller must allow for.
    /// </summary>
    public async Task<bool> PutTextIf(string key, string text, string? ifMatch, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = Location.Bucket,
            Key = Location.KeyOf(key),
            ContentBody = text,
            ContentType = "application/json",
            UseChunkEncoding = false,
        };
        if (ifMatch is null)
        {
            request.IfNoneMatch = "*";
        }
        else
        {
            request.IfMatch = "\"" + ifMatch + "\"";
        }
        try
        {
            await Call("write " + key, () => _client.PutObjectAsync(request, cancellationToken)).ConfigureAwait(false);
            return true;
        }
        // 412: the condition failed; 409: another conditional write to the key was in flight.
        catch (IOException e) when (e.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict })
        {
            return false;
        }
    }

    public Task Delete(string key, CancellationToken cancellationToken) =>
        Call("delete " + key, () => _client.DeleteObjectAsync(
            new DeleteObjectRequest { BucketName = Location.Bucket, Key = Location.KeyOf(key) }, cancellationToken));

    public void Dispose() => _client.Dispose();

    private async Task<int> ReadBody(Stream body, byte[] buffer, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"Lost the connection to S3 at {_endpoint} while downloading {Location}/{key}: {e.Message}", e);
        }
    }

    /// <summary>Runs one request; what went wrong becomes a message naming the pond and endpoint, never a credential.</summary>
    private async Task<T> Call<T>(string what, Func<Task<T>> request)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized
            || e.ErrorCode is "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AccessDenied")
        {
            throw new PondException(
                $"S3 at {_endpoint} refused to {what} in {Location} ({ErrorName(e)}): check {S3Options.AccessKeyIdVariable} and " +
                $"{S3Options.SecretAccessKeyVariable}, and that the key may use bucket {Location.Bucket}.", e);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            throw new PondException($"S3 at {_endpoint} has no bucket {Location.Bucket} (for {Location}).", e);
        }
        catch (AmazonServiceException e)
        {
            throw new IOException($"S3 at {_endpoint} failed to {what} in {Location}: {ErrorName(e)}.", e);
        }
        catch (HttpRequestException e)
        {
            throw new IOException($"Cannot reach S3 at {_endpoint} to {what} in {Location}: {e.Message}", e);
        }
    }

    private static string ErrorName(AmazonServiceException e) =>
        string.IsNullOrEmpty(e.ErrorCode) ? $"HTTP {(int)e.StatusCode}" : $"{e.ErrorCode}, HTTP {(int)e.StatusCode}";
}
