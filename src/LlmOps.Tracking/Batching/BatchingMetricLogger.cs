using System.Threading.Channels;

namespace LlmOps.Tracking.Batching;

/// <summary>
/// Buffers metric points from a training loop and sends them in batches from a background task, when
/// <see cref="BatchingOptions.MaxBatchSize"/> points are waiting or <see cref="BatchingOptions.FlushInterval"/> has passed.
/// <see cref="FlushAsync"/> returns once every point logged before it was sent; a failed send is reported there.
/// </summary>
public sealed class BatchingMetricLogger : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<MetricPoint>, CancellationToken, Task> _send;
    private readonly BatchingOptions _options;
    private readonly Channel<Item> _channel = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();
    private Exception? _failure;
    private long _sent;
    private long _batches;

    /// <summary>Creates the logger over a send function (e.g. a tracker's LogMetricsAsync for one run).</summary>
    public BatchingMetricLogger(Func<IReadOnlyList<MetricPoint>, CancellationToken, Task> send, BatchingOptions? options = null)
    {
        _send = send;
        _options = options ?? new BatchingOptions();
        if (_options.MaxBatchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxBatchSize must be at least 1.");
        }

        _loop = Task.Run(RunAsync);
    }

    /// <summary>Points sent so far.</summary>
    public long PointsSent => Interlocked.Read(ref _sent);

    /// <summary>Sends made so far.</summary>
    public long BatchesSent => Interlocked.Read(ref _batches);

    /// <summary>Queues a point; never blocks the training loop.</summary>
    public void Log(MetricPoint point)
    {
        TrackingValidation.Key(point.Key, "metric");
        if (!_channel.Writer.TryWrite(new Item(point, null)))
        {
            throw new ObjectDisposedException(nameof(BatchingMetricLogger), "The metric logger was disposed; points can no longer be logged.");
        }
    }

    /// <summary>Queues a point stamped now.</summary>
    public void Log(string key, double value, long step) => Log(MetricPoint.Now(key, value, step));

    /// <summary>Sends everything queued so far; throws if a send failed.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_channel.Writer.TryWrite(new Item(null, done)))
        {
            await _loop.ConfigureAwait(false);
        }
        else
        {
            await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        ThrowIfFailed();
    }

    /// <summary>Flushes, then stops the background task.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        ThrowIfFailed();
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new InvalidOperationException($"Sending buffered metrics failed: {failure.Message}", failure);
        }
    }

    private async Task RunAsync()
    {
        var buffer = new List<MetricPoint>(_options.MaxBatchSize);
        var reader = _channel.Reader;
        while (true)
        {
            bool more;
            if (buffer.Count == 0)
            {
                more = await reader.WaitToReadAsync().ConfigureAwait(false);
            }
            else
            {
                using var timer = new CancellationTokenSource(_options.FlushInterval);
                try
                {
                    more = await reader.WaitToReadAsync(timer.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    await SendAsync(buffer).ConfigureAwait(false);
                    continue;
                }
            }

            if (!more)
            {
                await SendAsync(buffer).ConfigureAwait(false);
                return;
            }

            while (reader.TryRead(out var item))
            {
                if (item.Flush is { } flush)
                {
                    await SendAsync(buffer).ConfigureAwait(false);
                    flush.TrySetResult();
                    continue;
                }

                buffer.Add(item.Point!);
                if (buffer.Count >= _options.MaxBatchSize)
                {
                    await SendAsync(buffer).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task SendAsync(List<MetricPoint> buffer)
    {
        if (buffer.Count == 0)
        {
            return;
        }

        var batch = buffer.ToArray();
        buffer.Clear();
        try
        {
            await _send(batch, _stop.Token).ConfigureAwait(false);
            Interlocked.Add(ref _sent, batch.Length);
            Interlocked.Increment(ref _batches);
        }
        catch (Exception ex)
        {
            // Keep the first failure for FlushAsync/DisposeAsync; the loop goes on so later points still get their chance.
            Interlocked.CompareExchange(ref _failure, ex, null);
        }
    }

    private readonly record struct Item(MetricPoint? Point, TaskCompletionSource? Flush);
}
