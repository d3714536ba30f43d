using System.Buffers;
using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Kollektivkart.Web.Serving;

/// <summary>
/// How answers are compressed: Brotli (or gzip at its Fastest, for clients without Brotli), at a level chosen by what
/// the answer is. Pages and fragments are small and what a first visit waits for, so they get Brotli's Optimal; data
/// answers (JSON: the map data and the API; CSV) are large and mostly read by programs, so they get Fastest, which on
/// the national hot spots' 276 kB of JSON takes a third of Optimal's time for 6 % more bytes (RESULTS.md, issue 13).
/// </summary>
public static class Compression
{
    /// <summary>Data answers, compressed at <see cref="CompressionLevel.Fastest"/>.</summary>
    private static readonly string[] DataTypes = ["application/json", "text/csv"];

    public static IServiceCollection AddSiteCompression(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliByKindProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["text/csv", "image/svg+xml"]);
        });
        return services;
    }

    /// <summary>The Brotli level for an answer of this content type.</summary>
    public static CompressionLevel BrotliLevel(string? contentType) =>
        contentType is not null && DataTypes.Any(t => contentType.StartsWith(t, StringComparison.OrdinalIgnoreCase))
            ? CompressionLevel.Fastest
            : CompressionLevel.Optimal;

    /// <summary>Brotli quality of <see cref="CompressionLevel.Optimal"/> and <see cref="CompressionLevel.Fastest"/>, as .NET maps them.</summary>
    private static int Quality(CompressionLevel level) => level == CompressionLevel.Fastest ? 1 : 4;

    /// <summary>
    /// Brotli at <see cref="BrotliLevel"/>, the whole answer in one go. The compression middleware opens the stream at
    /// the answer's first write, when its content type is set, but does not pass the request, so the level is read
    /// through the context accessor. Answers are written whole, so nothing is lost by compressing them at the end; fed
    /// the writer's 16 kB pieces instead, Brotli's fastest quality made the hot-spots map data 83 kB instead of 67.
    /// </summary>
    private sealed class BrotliByKindProvider(IHttpContextAccessor accessor) : ICompressionProvider
    {
        public string EncodingName => "br";

        public bool SupportsFlush => false;

        public Stream CreateStream(Stream outputStream) =>
            new WholeAnswerBrotli(outputStream, Quality(BrotliLevel(accessor.HttpContext?.Response.ContentType)));
    }

    /// <summary>Collects an answer in pooled memory and writes it Brotli-compressed when disposed.</summary>
    private sealed class WholeAnswerBrotli(Stream output, int quality) : Stream
    {
        private const int Window = 22;
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int _length;
        private bool _done;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => !_done;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            ObjectDisposedException.ThrowIf(_done, this);
            if (_length + buffer.Length > _buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + buffer.Length));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
            buffer.CopyTo(_buffer.AsSpan(_length));
            _length += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        /// <summary>Nothing to do before the end: the answer is compressed whole.</summary>
        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override async ValueTask DisposeAsync()
        {
            if (_done)
            {
                return;
            }
            _done = true;
            var compressed = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(_length));
            try
            {
                if (!BrotliEncoder.TryCompress(_buffer.AsSpan(0, _length), compressed, out var written, quality, Window))
                {
                    throw new InvalidOperationException("Brotli could not compress an answer into its maximum compressed length.");
                }
                await output.WriteAsync(compressed.AsMemory(0, written));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(compressed);
                ArrayPool<byte>.Shared.Return(_buffer);
            }
            await base.DisposeAsync();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_done)
            {
                DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            base.Dispose(disposing);
        }
    }
}
