using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Kollektivkart.Data.Pond;

namespace Kollektivkart.Etl.Tests.S3;

/// <summary>
/// A store that serves an object while its body is still being written (s3rver does; two runs racing for a pond's lock
/// read each other's lock so): the body fails the check against the object's MD5, and the read is asked again. Here an
/// HTTP server on 127.0.0.1 speaks S3's GET and serves the lock object torn as many times as told.
/// </summary>
public sealed class TornReadTests
{
    private const string Lock = """{"Host":"a","ProcessId":1,"Started":"2025-01-01T00:00:00+00:00","Token":"t"}""";

    [Fact]
    public async Task A_torn_read_is_asked_again_until_the_whole_body_comes()
    {
        await using var server = TornServer.Start(Lock, torn: 2);
        using var store = new S3Store(S3Location.Parse("s3://ponds/torn"), server.Options);

        var read = await store.ReadText(S3PondLock.Key, CancellationToken.None);

        Assert.Equal(Lock, read?.Text);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task A_body_that_stays_torn_is_a_failed_read_naming_the_object()
    {
        await using var server = TornServer.Start(Lock, torn: int.MaxValue);
        using var store = new S3Store(S3Location.Parse("s3://ponds/torn"), server.Options);

        var error = await Assert.ThrowsAsync<IOException>(() => store.ReadText(S3PondLock.Key, CancellationToken.None));

        Assert.Contains(".lock", error.Message, StringComparison.Ordinal);
        Assert.Contains("torn 5 times", error.Message, StringComparison.Ordinal);
        Assert.Equal(5, server.Requests);
    }

    /// <summary>Answers every GET with <c>body</c> and its MD5 as the ETag; the first <c>torn</c> answers carry only half the body.</summary>
    private sealed class TornServer : IAsyncDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _serving;
        private readonly byte[] _body;
        private readonly int _torn;
        private int _requests;

        private TornServer(string body, int torn)
        {
            _body = Encoding.UTF8.GetBytes(body);
            _torn = torn;
            var port = FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            Options = new S3Options { AccessKeyId = "key", SecretAccessKey = "secret", Endpoint = $"http://127.0.0.1:{port}" };
            _serving = Task.Run(Serve);
        }

        public S3Options Options { get; }

        public int Requests => Volatile.Read(ref _requests);

        public static TornServer Start(string body, int torn) => new(body, torn);

        private async Task Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                var tear = Interlocked.Increment(ref _requests) <= _torn;
                var sent = tear ? _body[..(_body.Length / 2)] : _body;
                var response = context.Response;
                response.StatusCode = 200;
                response.ContentType = "application/json";
                response.AddHeader("ETag", $"\"{Convert.ToHexStringLower(MD5.HashData(_body))}\"");
                response.AddHeader("Last-Modified", DateTime.UtcNow.ToString("R"));
                response.ContentLength64 = sent.Length;
                await response.OutputStream.WriteAsync(sent);
                response.Close();
            }
        }

        private static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _serving;
        }
    }
}
