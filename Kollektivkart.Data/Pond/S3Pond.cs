using Kollektivkart.Data.Site;
using Kollektivkart.Data.Transforms;
using Microsoft.Extensions.Logging;

namespace Kollektivkart.Data.Pond;

/// <summary>
/// A pond in an S3 bucket, worked on in a local cache folder (<see cref="Root"/>) where DuckDB reads
/// and writes as in a <see cref="LocalPond"/>.
/// <para>
/// The bucket is the truth. Opening lists it (partitions are known from the listing, nothing is
/// downloaded) and removes from the cache every file the bucket does not hold in that version (size
/// and ETag), so the cache is a subset of the bucket. <see cref="FetchForDerivation"/> downloads what
/// a run reads, <see cref="Publish"/> uploads what this process wrote and differs from the bucket,
/// and deletes what it replaced or removed. A killed upload leaves the bucket at a state the next
/// run recognises: whatever that run does not find there whole, it derives again.
/// </para>
/// <para>
/// A partition being uploaded (or deleted file by file) carries an <see cref="IncompleteMarker"/>
/// object meanwhile, and a partition holding one counts as absent. stats.db goes up last, under
/// <see cref="StatsDbUploadKey"/>, and is then copied into place, so a reader never sees part of one.
/// </para>
/// </summary>
public sealed class S3Pond : IPond, IDisposable
{
    public const string IncompleteMarker = "_uploading";
    public const string StatsDbUploadKey = PondLayout.StatsDb + ".uploading";

    /// <summary>Transfers at once: S3 requests are latency-bound, and small files are the common case.</summary>
    private const int Concurrency = 4;

    private readonly S3Store _store;
    private readonly LocalPond _cache;
    private readonly CacheIndex _index;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RemoteObject> _remote;
    private readonly SortedSet<string> _present;
    private readonly HashSet<string> _written = new(StringComparer.Ordinal);

    private S3Pond(S3Store store, LocalPond cache, IReadOnlyList<RemoteObject> listing, ILogger logger)
    {
        _store = store;
        _cache = cache;
        _logger = logger;
        _index = CacheIndex.Load(cache.Root);
        _remote = listing.ToDictionary(o => o.Key, StringComparer.Ordinal);
        var incomplete = listing.Where(o => o.Key.EndsWith("/" + IncompleteMarker, StringComparison.Ordinal))
            .Select(o => UnitOf(o.Key))
            .ToHashSet(StringComparer.Ordinal);
        _present = new SortedSet<string>(
            listing.Select(o => o.Key).Where(key => IsPondFile(key) && key != StatsDbUploadKey && !incomplete.Contains(UnitOf(key))),
            StringComparer.Ordinal);
    }

    public string Location => _store.Location.ToString();

    public string Root => _cache.Root;

    /// <summary>Lists the bucket and makes the cache folder a subset of it.</summary>
    public static S3Pond Open(S3Location location, S3Options options, string cacheFolder, ILogger logger, CancellationToken cancellationToken = default)
    {
        var store = new S3Store(location, options);
        try
        {
            IReadOnlyList<RemoteObject> listing;
            try
            {
                listing = store.List(cancellationToken).GetAwaiter().GetResult();
            }
            catch (IOException e) when (e.InnerException is HttpRequestException)
            {
                // Unreachable on the first request is almost always a wrong endpoint: the user's to fix.
                throw new PondException(e.Message, e);
            }
            var pond = new S3Pond(store, LocalPond.Open(cacheFolder, create: true), listing, logger);
            var (kept, removed) = pond.PruneCache();
            logger.LogInformation(
                "S3 pond {Pond} at {Endpoint}: {Objects} objects, {Megabytes:F1} MB; cache {Cache}: {Kept} files current, {Removed} removed",
                location, options.EndpointDescription(), listing.Count(o => IsPondFile(o.Key)), listing.Where(o => IsPondFile(o.Key)).Sum(o => o.Size) / 1e6, pond.Root, kept, removed);
            return pond;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> PartitionValues(string dataset, string key)
    {
        var prefix = $"{dataset}/{key}=";
        lock (_gate)
        {
            return _present.GetViewBetween(prefix, prefix + char.MaxValue)
                .Select(k => k[prefix.Length..])
                .Where(rest => rest.Contains('/', StringComparison.Ordinal))
                .Select(rest => rest[..rest.IndexOf('/', StringComparison.Ordinal)])
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
    }

    public bool FileExists(string name)
    {
        lock (_gate)
        {
            return _present.Contains(KeyOf(name));
        }
    }

    public StagingArea BeginStaging() => _cache.BeginStaging();

    public void CommitPartition(string stagedFolder, PartitionRef partition)
    {
        _cache.CommitPartition(stagedFolder, partition);
        var folder = Path.Combine(Root, partition.RelativePath);
        lock (_gate)
        {
            ForgetUnit(KeyOf(partition.RelativePath) + "/");
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                Wrote(KeyOf(Path.GetRelativePath(Root, file)));
            }
        }
    }

    public void CommitFile(string stagedFile, string name)
    {
        _cache.CommitFile(stagedFile, name);
        lock (_gate)
        {
            Wrote(KeyOf(name));
        }
    }

    public void DeletePartition(PartitionRef partition)
    {
        _cache.DeletePartition(partition);
        lock (_gate)
        {
            ForgetUnit(KeyOf(partition.RelativePath) + "/");
        }
    }

    /// <summary>
    /// Downloads what a run of <paramref name="options"/> reads: first what its plan and checks read
    /// (each month's list of source days, stats.db, stops and quays), then, unless the plan finds nothing to do, every file of the
    /// pond missing from the cache.
    /// </summary>
    public TransferProgress FetchForDerivation(RunOptions options, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var planInputs = Missing().Where(o => o.Key is PondLayout.StatsDb or PondLayout.Stops or PondLayout.Quays
            || (o.Key.StartsWith(PondLayout.LegStats + "/", StringComparison.Ordinal) && o.Key.EndsWith("/" + PondLayout.SourceDaysFile, StringComparison.Ordinal))
            || (o.Key.StartsWith(PondLayout.Punctuality + "/", StringComparison.Ordinal) && o.Key.EndsWith("/" + PondLayout.SourceDaysFile, StringComparison.Ordinal)));
        var first = Download(planInputs.ToList(), progress, cancellationToken);
        if (DerivationPlan.For(this, options).NothingToDo)
        {
            LogDownloaded(first);
            return first;
        }
        var rest = Download(Missing(), progress, cancellationToken);
        var total = first with
        {
            FilesDone = first.FilesDone + rest.FilesDone,
            FilesTotal = first.FilesTotal + rest.FilesTotal,
            BytesDone = first.BytesDone + rest.BytesDone,
            BytesTotal = first.BytesTotal + rest.BytesTotal,
            Elapsed = first.Elapsed + rest.Elapsed,
        };
        LogDownloaded(total);
        return total;
    }

    /// <summary>Downloads every file of the pond missing from the cache.</summary>
    public TransferProgress FetchAll(IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var done = Download(Missing(), progress, cancellationToken);
        LogDownloaded(done);
        return done;
    }

    /// <summary>
    /// Makes the bucket hold what this process sees: uploads the files it wrote that the bucket holds
    /// in another version or not at all, then deletes what is no longer part of the pond, partition by
    /// partition in the order the data flows (raw, days, months, lookups), stats.db last.
    /// </summary>
    public TransferProgress Publish(IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        List<string> puts;
        List<string> deletes;
        lock (_gate)
        {
            puts = _written.Where(_present.Contains).Where(key => !IsCurrent(key, _remote.GetValueOrDefault(key))).ToList();
            deletes = _remote.Keys.Where(key => IsPondFile(key) && !_present.Contains(key)).ToList();
        }
        var meter = new TransferMeter("upload", puts.Count, puts.Sum(key => new FileInfo(PathOf(key)).Length), progress);
        var units = puts.Select(key => (Key: key, Put: true))
            .Concat(deletes.Select(key => (Key: key, Put: false)))
            .GroupBy(change => UnitOf(change.Key) is var unit && unit == StatsDbUploadKey ? PondLayout.StatsDb : unit, StringComparer.Ordinal)
            .GroupBy(unit => Stage(unit.Key))
            .OrderBy(stage => stage.Key);
        foreach (var stage in units)
        {
            Parallel.ForEachAsync(stage, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                async (unit, token) =>
                {
                    var unitPuts = unit.Where(c => c.Put).Select(c => c.Key).ToList();
                    var unitDeletes = unit.Where(c => !c.Put).Select(c => c.Key).ToList();
                    if (unit.Key == PondLayout.StatsDb)
                    {
                        await PublishStatsDb(unitPuts.Count > 0, unitDeletes, meter, token).ConfigureAwait(false);
                    }
                    else
                    {
                        await PublishUnit(unit.Key, unitPuts, unitDeletes, meter, token).ConfigureAwait(false);
                    }
                }).GetAwaiter().GetResult();
            _index.Save();
        }
        _index.Save();
        var done = meter.Now;
        if (done.FilesTotal == 0 && deletes.Count == 0)
        {
            _logger.LogInformation("Nothing to upload: {Pond} holds what the cache holds", Location);
        }
        else
        {
            _logger.LogInformation(
                "Uploaded {Files} files, {Megabytes:F1} MB in {Seconds:F1} s ({Rate:F1} MB/s) and deleted {Deleted} objects in {Pond}",
                done.FilesDone, done.BytesDone / 1e6, done.Elapsed.TotalSeconds, done.MegabytesPerSecond, deletes.Count, Location);
        }
        return done;
    }

    public void Dispose() => _store.Dispose();

    /// <summary>One partition (or top-level file): new versions up first, then what they replace, the marker last.</summary>
    private async Task PublishUnit(string unit, List<string> puts, List<string> deletes, TransferMeter meter, CancellationToken cancellationToken)
    {
        var marker = unit + IncompleteMarker;
        var partition = unit.EndsWith('/');
        var hadMarker = deletes.Remove(marker);
        // Marked for any upload, not only several requests: some servers (s3rver) store what a killed PUT sent.
        var marked = partition && (puts.Count > 0 || deletes.Count > 1);
        if (marked && !hadMarker)
        {
            await _store.PutEmpty(marker, cancellationToken).ConfigureAwait(false);
        }
        foreach (var key in puts.Order(StringComparer.Ordinal))
        {
            await Upload(key, key, meter, cancellationToken).ConfigureAwait(false);
        }
        foreach (var key in deletes)
        {
            await Delete(key, cancellationToken).ConfigureAwait(false);
        }
        if (marked || hadMarker)
        {
            await Delete(marker, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PublishStatsDb(bool put, List<string> deletes, TransferMeter meter, CancellationToken cancellationToken)
    {
        if (put)
        {
            // Checked again at the upload: whatever happened to the cached file since the run built it, the bucket never gets one the site refuses.
            StatsDatabase.Check(PathOf(PondLayout.StatsDb));
            var file = await Upload(PondLayout.StatsDb, StatsDbUploadKey, meter, cancellationToken).ConfigureAwait(false);
            var etag = await _store.Copy(StatsDbUploadKey, PondLayout.StatsDb, cancellationToken).ConfigureAwait(false);
            _index.Record(PondLayout.StatsDb, file, etag);
            lock (_gate)
            {
                _remote[PondLayout.StatsDb] = new RemoteObject(PondLayout.StatsDb, file.Length, etag);
            }
            deletes.Add(StatsDbUploadKey);
        }
        foreach (var key in deletes.Distinct(StringComparer.Ordinal))
        {
            await Delete(key, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<FileInfo> Upload(string key, string remoteKey, TransferMeter meter, CancellationToken cancellationToken)
    {
        var file = new FileInfo(PathOf(key));
        var etag = await _store.Upload(file.FullName, remoteKey, meter.Bytes, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _remote[remoteKey] = new RemoteObject(remoteKey, file.Length, etag);
        }
        if (remoteKey == key)
        {
            _index.Record(key, file, etag);
        }
        meter.FileDone();
        return file;
    }

    private async Task Delete(string key, CancellationToken cancellationToken)
    {
        await _store.Delete(key, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _remote.Remove(key);
        }
    }

    /// <summary>Downloads objects into the cache, each to a staging file first, then into place.</summary>
    private TransferProgress Download(IReadOnlyList<RemoteObject> objects, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var meter = new TransferMeter("download", objects.Count, objects.Sum(o => o.Size), progress);
        if (objects.Count == 0)
        {
            return meter.Now;
        }
        using (var staging = _cache.BeginStaging())
        {
            Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
                async (item, token) =>
                {
                    var temporary = staging.FilePath(Guid.NewGuid().ToString("N"));
                    await _store.Download(item, temporary, meter.Bytes, token).ConfigureAwait(false);
                    var target = PathOf(item.Key);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Move(temporary, target, overwrite: true);
                    _index.Record(item.Key, new FileInfo(target), item.ETag);
                    meter.FileDone();
                }).GetAwaiter().GetResult();
        }
        _index.Save();
        return meter.Now;
    }

    private void LogDownloaded(TransferProgress done)
    {
        if (done.FilesTotal > 0)
        {
            _logger.LogInformation(
                "Downloaded {Files} files, {Megabytes:F1} MB in {Seconds:F1} s ({Rate:F1} MB/s) from {Pond}",
                done.FilesDone, done.BytesDone / 1e6, done.Elapsed.TotalSeconds, done.MegabytesPerSecond, Location);
        }
    }

    /// <summary>Files of the pond that the cache lacks (what this process wrote is never among them).</summary>
    private List<RemoteObject> Missing()
    {
        lock (_gate)
        {
            return _present.Where(key => !_written.Contains(key) && !File.Exists(PathOf(key)))
                .Select(key => _remote[key])
                .ToList();
        }
    }

    /// <summary>Removes every cached file the bucket does not hold in that version, and emptied folders.</summary>
    private (int Kept, int Removed) PruneCache()
    {
        int kept = 0, removed = 0;
        foreach (var file in CachedFiles())
        {
            var key = KeyOf(Path.GetRelativePath(Root, file));
            if (_present.Contains(key) && IsCurrent(key, _remote[key]))
            {
                kept++;
                continue;
            }
            File.Delete(file);
            _index.Forget(key);
            removed++;
        }
        foreach (var folder in TopLevelFolders())
        {
            RemoveEmptyFolders(folder);
        }
        _index.Save();
        return (kept, removed);
    }

    /// <summary>Whether the cached file is the bucket's version: same size, and an ETag recorded for it or computed from it.</summary>
    private bool IsCurrent(string key, RemoteObject? remote)
    {
        var file = new FileInfo(PathOf(key));
        if (remote is null || !file.Exists || file.Length != remote.Size)
        {
            return false;
        }
        if (_index.ETagOf(key, file) is { } recorded)
        {
            return recorded == remote.ETag;
        }
        if (!ETags.Of(file.FullName, _store.Options.PartSize).Match(remote.ETag))
        {
            return false;
        }
        _index.Record(key, file, remote.ETag);
        return true;
    }

    private void Wrote(string key)
    {
        _present.Add(key);
        _written.Add(key);
    }

    private void ForgetUnit(string unit)
    {
        foreach (var key in _present.GetViewBetween(unit, unit + char.MaxValue).ToList())
        {
            _present.Remove(key);
        }
    }

    private IEnumerable<string> CachedFiles() =>
        Directory.EnumerateFiles(Root).Where(f => !IsHidden(f))
            .Concat(TopLevelFolders().SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories)));

    /// <summary>Dataset folders; dot folders (staging, the site's copies) are not part of the pond.</summary>
    private IEnumerable<string> TopLevelFolders() => Directory.EnumerateDirectories(Root).Where(d => !IsHidden(d));

    private static bool IsHidden(string path) => Path.GetFileName(path).StartsWith('.');

    private static void RemoveEmptyFolders(string folder)
    {
        foreach (var child in Directory.EnumerateDirectories(folder))
        {
            RemoveEmptyFolders(child);
        }
        if (!Directory.EnumerateFileSystemEntries(folder).Any())
        {
            Directory.Delete(folder);
        }
    }

    private string PathOf(string key) => Path.Combine(Root, key.Replace('/', Path.DirectorySeparatorChar));

    private static string KeyOf(string relativePath) => relativePath.Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>
    /// A key the cache can hold: a relative path without empty, '.' or '..' segments and not in a dot
    /// folder at the top. Anything else in the bucket is left alone.
    /// </summary>
    private static bool IsPondFile(string key) =>
        !key.StartsWith('.') && key.Split('/').All(segment => segment is not ("" or "." or ".."));

    /// <summary>A key's partition folder ("legs.parquet/operatingDate=2025-03-01/"), or the key itself for a top-level file.</summary>
    internal static string UnitOf(string key)
    {
        var slash = key.LastIndexOf('/');
        if (slash > 0)
        {
            var folder = key[..slash];
            if (folder[(folder.LastIndexOf('/') + 1)..].Contains('=', StringComparison.Ordinal))
            {
                return folder + "/";
            }
        }
        return key;
    }

    /// <summary>The order of publishing: raw data, then what derives from it, stats.db last.</summary>
    private static int Stage(string unit)
    {
        var dataset = unit.Split('/')[0];
        return dataset switch
        {
            PondLayout.Stops or PondLayout.Quays or PondLayout.Arrivals => 0,
            PondLayout.RouteName or PondLayout.Legs or PondLayout.Departures => 1,
            PondLayout.LegStats or PondLayout.Punctuality => 2,
            PondLayout.StatsDb => 4,
            _ => 3,
        };
    }
}
