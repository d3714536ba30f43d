using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Kollektivkart.Testing;

/// <summary>
/// s3rver (npm, installed in tests/tools by scripts/install-test-deps) on 127.0.0.1 and a port of
/// its choosing, keeping its data in a temporary folder; stopped by its PID on dispose. It accepts
/// only the access key <see cref="AccessKey"/> (it does not check version 4 signatures, so a wrong
/// secret goes unnoticed). Every object it stores is recorded in <see cref="Stored"/>, in order.
/// </summary>
public sealed partial class S3rver : IDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly Process _process;
    private readonly TempFolder _data = new();
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _storedKeys = new();
    private int _stored;

    private S3rver(string script)
    {
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { script, "--directory", _data.Path, "--address", "127.0.0.1", "--port", "0", "--no-vhost-buckets" })
        {
            info.ArgumentList.Add(arg);
        }
        // Node 20's OpenSSL 3 lacks the hash s3rver's continuation tokens use: paged listings fail without it.
        info.Environment["NODE_OPTIONS"] = "--openssl-legacy-provider";
        info.Environment["NO_COLOR"] = "1";
        try
        {
            _process = Process.Start(info) ?? throw new InvalidOperationException("could not start node");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                "The S3 tests need Node.js (node and npm) to run s3rver: install them (apt-get install nodejs npm), then run scripts/install-test-deps.", e);
        }
        _process.OutputDataReceived += (_, e) => Received(e.Data);
        _process.ErrorDataReceived += (_, e) => Received(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Where the SDK and the job reach it.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Keys of the objects stored so far (PUT, copy and completed multipart uploads), in order.</summary>
    public IReadOnlyList<string> Stored => [.. _storedKeys];

    public int StoredCount => Volatile.Read(ref _stored);

    public string Output => string.Join('\n', _output);

    /// <summary>Starts s3rver and creates the buckets through the SDK.</summary>
    public static S3rver Start(params string[] buckets)
    {
        var server = new S3rver(Script());
        try
        {
            var done = Task.WhenAny(server._port.Task, server._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(30))).GetAwaiter().GetResult();
            if (done != server._port.Task)
            {
                throw new InvalidOperationException($"s3rver did not say where it listens within 30 s:\n{server.Output}");
            }
            server.Endpoint = new Uri($"http://127.0.0.1:{server._port.Task.Result}");
            using var client = server.Client();
            foreach (var bucket in buckets)
            {
                client.PutBucketAsync(new PutBucketRequest { BucketName = bucket }).GetAwaiter().GetResult();
            }
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>A client as the job configures one for a provider that is not AWS.</summary>
    public IAmazonS3 Client(string accessKey = AccessKey) => new AmazonS3Client(
        new BasicAWSCredentials(accessKey, SecretKey),
        new AmazonS3Config
        {
            ServiceURL = Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    /// <summary>The variables that point the job or the site at this server, with the pond cache under <paramref name="cacheRoot"/>.</summary>
    public Dictionary<string, string?> Environment(string cacheRoot, string accessKey = AccessKey) => new()
    {
        ["AWS_ACCESS_KEY_ID"] = accessKey,
        ["AWS_SECRET_ACCESS_KEY"] = SecretKey,
        ["AWS_REGION"] = "us-east-1",
        ["DUCKDB_S3_ENDPOINT"] = Endpoint.ToString().TrimEnd('/'),
        ["POND_CACHE_DIR"] = cacheRoot,
    };

    /// <summary>Every object under <paramref name="prefix"/> (relative keys), with size and ETag.</summary>
    public IReadOnlyDictionary<string, S3Object> List(string bucket, string prefix)
    {
        using var client = Client();
        var objects = new Dictionary<string, S3Object>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var response = client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix + "/", ContinuationToken = token })
                .GetAwaiter().GetResult();
            foreach (var item in response.S3Objects ?? [])
            {
                objects[item.Key[(prefix.Length + 1)..]] = item;
            }
            token = response.IsTruncated == true ? response.NextContinuationToken : null;
        }
        while (token is not null);
        return objects;
    }

    /// <summary>Downloads every object under <paramref name="prefix"/> into <paramref name="folder"/>, keeping the keys as paths.</summary>
    public void Download(string bucket, string prefix, string folder)
    {
        using var client = Client();
        foreach (var key in List(bucket, prefix).Keys)
        {
            var path = System.IO.Path.Combine(folder, key);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            using var response = client.GetObjectAsync(bucket, prefix + "/" + key).GetAwaiter().GetResult();
            using var file = File.Create(path);
            response.ResponseStream.CopyTo(file);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        _data.Dispose();
    }

    /// <summary>tests/tools/node_modules/s3rver/bin/s3rver.js in the repository the tests were built from.</summary>
    private static string Script()
    {
        var script = System.IO.Path.Combine(BuildOutput.RepositoryRoot, "tests", "tools", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"s3rver is not installed ({script} is missing): run scripts/install-test-deps, which runs `npm ci --prefix tests/tools`.");
        }
        return script;
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } listening)
        {
            _port.TrySetResult(int.Parse(listening.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
        else if (StoredLine().Match(line) is { Success: true } stored)
        {
            _storedKeys.Enqueue(stored.Groups[1].Value);
            Interlocked.Increment(ref _stored);
        }
    }

    [GeneratedRegex(@"S3rver listening on 127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex("Stored object \"([^\"]+)\" in bucket")]
    private static partial Regex StoredLine();
}
