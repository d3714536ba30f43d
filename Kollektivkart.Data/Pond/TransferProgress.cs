using System.Diagnostics;

namespace Kollektivkart.Data.Pond;

/// <summary>Where a batch of downloads or uploads is: files and bytes done of total.</summary>
public sealed record TransferProgress(string Direction, int FilesDone, int FilesTotal, long BytesDone, long BytesTotal, TimeSpan Elapsed)
{
    public double MegabytesPerSecond => BytesDone / 1e6 / Math.Max(Elapsed.TotalSeconds, 0.001);
}

/// <summary>Counts a batch's files and bytes from several threads and reports them in order.</summary>
internal sealed class TransferMeter(string direction, int filesTotal, long bytesTotal, IProgress<TransferProgress>? progress)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private int _files;
    private long _bytes;

    public IProgress<long> Bytes => new Forward(this);

    public TransferProgress Now
    {
        get
        {
            lock (_gate)
            {
                return new TransferProgress(direction, _files, filesTotal, _bytes, bytesTotal, _clock.Elapsed);
            }
        }
    }

    public void FileDone() => Add(files: 1, bytes: 0);

    private void Add(int files, long bytes)
    {
        lock (_gate)
        {
            _files += files;
            _bytes += bytes;
            progress?.Report(new TransferProgress(direction, _files, filesTotal, _bytes, bytesTotal, _clock.Elapsed));
        }
    }

    private sealed class Forward(TransferMeter meter) : IProgress<long>
    {
        public void Report(long value) => meter.Add(0, value);
    }
}
