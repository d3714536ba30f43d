using Microsoft.Extensions.Logging;

namespace Kollektivkart.Data.Pond;

/// <summary>
/// An S3 pond's lock: the object <see cref="Key"/> under the pond's prefix naming its holder, whose
/// lease (<see cref="PondLockOptions.Lease"/>) the holder renews while it works; a lock older than
/// the lease by the server's clock is a dead holder's and is taken over with a warning.
/// <para>
/// Two runs racing for it cannot both win. On S3 (and stores like it since 2024) the write is
/// conditional: <c>If-None-Match: *</c> for a new lock, <c>If-Match</c> with the dead holder's ETag
/// for a takeover, so exactly one writer succeeds. A store that ignores the conditions (s3rver; some
/// older providers) lets both writes through, the later replacing the earlier; so each writer then
/// waits <see cref="Settle"/> (far longer than a small PUT takes) and reads the lock back, and only
/// the one whose token it finds holds it. Reading first also keeps a late writer from replacing a
/// lock it has seen. Strong read-after-write consistency (S3 since 2020) makes the read-back final.
/// </para>
/// </summary>
public sealed class S3PondLock : PondLock
{
    public const string Key = ".lock";

    /// <summary>Between the write and the read-back: long enough for a racing small PUT to have landed.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private readonly S3Store _store;
    private readonly PondLockOptions _options;
    private readonly PondLockHolder _me;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _lost = new();
    private readonly ITimer _renewal;
    private readonly Lock _gate = new();
    private string _etag;

    private S3PondLock(S3Store store, PondLockOptions options, PondLockHolder me, string etag, ILogger logger, TimeProvider clock)
    {
        _store = store;
        _options = options;
        _me = me;
        _etag = etag;
        _logger = logger;
        _clock = clock;
        _renewal = clock.CreateTimer(_ => Renew(), null, options.RenewEvery, options.RenewEvery);
    }

    public override CancellationToken Lost => _lost.Token;

    /// <summary>Takes the pond's lock (owning <paramref name="store"/> from then on), or throws <see cref="PondLockedException"/>.</summary>
    public static S3PondLock Take(S3Store store, PondLockOptions options, ILogger logger, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        try
        {
            var me = PondLockHolder.Me(clock);
            // A few rounds: a write refused by its condition means someone else moved first; read again.
            for (var round = 0; round < 3; round++)
            {
                var current = Unreachable(() => store.ReadText(Key, cancellationToken).GetAwaiter().GetResult());
                if (current is not null)
                {
                    var holder = PondLockHolder.Parse(current.Text);
                    var age = clock.GetUtcNow() - current.Written;
                    if (age < options.Lease)
                    {
                        throw new PondLockedException(store.Location.ToString(), holder, clock.GetUtcNow() - holder?.Started);
                    }
                    logger.LogWarning(
                        "Taking over the lock of {Pond} from the run on {Holder} started {Started:u}: not renewed for {Age} (lease {Lease})",
                        store.Location, holder?.ToString() ?? "an unknown holder", holder?.Started, PondLockedException.Duration(age), PondLockedException.Duration(options.Lease));
                }
                if (!store.PutTextIf(Key, me.ToJson(), current?.ETag, cancellationToken).GetAwaiter().GetResult())
                {
                    continue;
                }
                Task.Delay(Settle, clock, cancellationToken).GetAwaiter().GetResult();
                var back = store.ReadText(Key, cancellationToken).GetAwaiter().GetResult();
                if (back is not null && PondLockHolder.Parse(back.Text)?.Token == me.Token)
                {
                    return new S3PondLock(store, options, me, back.ETag, logger, clock);
                }
            }
            var winner = store.ReadText(Key, cancellationToken).GetAwaiter().GetResult();
            var named = PondLockHolder.Parse(winner?.Text);
            throw new PondLockedException(store.Location.ToString(), named, clock.GetUtcNow() - named?.Started);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public override void Dispose()
    {
        _renewal.Dispose();
        lock (_gate)
        {
            try
            {
                if (Mine() is not null)
                {
                    _store.Delete(Key, CancellationToken.None).GetAwaiter().GetResult();
                }
            }
            catch (IOException e)
            {
                // The lease runs out by itself; the next run takes the lock over then.
                _logger.LogWarning("Could not release the lock of {Pond}: {Message}", _store.Location, e.Message);
            }
        }
        _store.Dispose();
        _lost.Dispose();
    }

    /// <summary>Rewrites the lock over its own version, which also moves its time of writing on.</summary>
    private void Renew()
    {
        lock (_gate)
        {
            if (_lost.IsCancellationRequested)
            {
                return;
            }
            try
            {
                if (Mine() is null || !_store.PutTextIf(Key, _me.ToJson(), _etag, CancellationToken.None).GetAwaiter().GetResult())
                {
                    _logger.LogError("The lock of {Pond} was taken over by another run: stopping", _store.Location);
                    _lost.Cancel();
                    return;
                }
                _etag = Mine()?.ETag ?? _etag;
            }
            catch (Exception e) when (e is IOException or Amazon.Runtime.AmazonClientException or Amazon.Runtime.AmazonServiceException)
            {
                // One failed renewal is not fatal: the lease is four renewals long. This runs on a timer's thread, where
                // an exception would end the process: a lock object read back damaged (a hash mismatch, seen with two
                // test suites at load 90) is a failed renewal like a lost connection.
                _logger.LogWarning("Could not renew the lock of {Pond}: {Message}", _store.Location, e.Message.Split('\n', 2)[0]);
            }
        }
    }

    private StoredText? Mine() =>
        _store.ReadText(Key, CancellationToken.None).GetAwaiter().GetResult() is { } current && PondLockHolder.Parse(current.Text)?.Token == _me.Token
            ? current
            : null;

    /// <summary>Unreachable on the first request is almost always a wrong endpoint: the user's to fix.</summary>
    private static T Unreachable<T>(Func<T> request)
    {
        try
        {
            return request();
        }
        catch (IOException e) when (e.InnerException is HttpRequestException)
        {
            throw new PondException(e.Message, e);
        }
    }
}
