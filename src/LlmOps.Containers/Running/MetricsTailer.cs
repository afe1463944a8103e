using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LlmOps.Containers.Running;

/// <summary>
/// Tails the metrics.jsonl file in the host outputs directory while the container runs. Polling a bind-mounted
/// file is used instead of a file watcher because inotify does not fire for writes made in another mount namespace
/// on every storage driver, and a poll every 250 ms is negligible next to a training step.
/// </summary>
internal sealed class MetricsTailer
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly string _path;
    private readonly Action<MetricPoint> _sink;
    private readonly Action<string> _warn;
    private readonly List<byte> _partial = [];
    private long _offset;
    private int _lineNumber;

    public MetricsTailer(string path, Action<MetricPoint> sink, Action<string> warn)
    {
        _path = path;
        _sink = sink;
        _warn = warn;

        // Points written by an earlier run into the same directory are not this run's progress.
        _offset = File.Exists(path) ? new FileInfo(path).Length : 0;
    }

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                ReadNew(final: false);
                await Task.Delay(PollInterval, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads what is left after the container exited, including an unterminated last line.</summary>
    public void Drain() => ReadNew(final: true);

    private void ReadNew(bool final)
    {
        if (!File.Exists(_path))
        {
            return;
        }

        try
        {
            using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (file.Length < _offset)
            {
                _offset = 0;
                _partial.Clear();
            }

            file.Position = _offset;
            var buffer = new byte[8192];
            int read;
            while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
            {
                _offset += read;
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] == (byte)'\n')
                    {
                        EmitPartial();
                    }
                    else
                    {
                        _partial.Add(buffer[i]);
                    }
                }
            }
        }
        catch (IOException)
        {
            // The trainer may be rotating or truncating the file; the next poll retries.
            return;
        }

        if (final)
        {
            EmitPartial();
        }
    }

    private void EmitPartial()
    {
        if (_partial.Count == 0)
        {
            return;
        }

        var line = Encoding.UTF8.GetString([.. _partial]).Trim();
        _partial.Clear();
        _lineNumber++;
        if (line.Length == 0)
        {
            return;
        }

        if (TryParse(line, out var point))
        {
            _sink(point);
        }
        else
        {
            _warn($"ignored metrics line {_lineNumber}: expected {{\"name\": string, \"value\": number, \"step\": integer}}");
        }
    }

    internal static bool TryParse(string line, out MetricPoint point)
    {
        point = null!;
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("value", out var value) || !TryNumber(value, out var number))
            {
                return false;
            }

            long? step = null;
            if (root.TryGetProperty("step", out var s) && s.ValueKind != JsonValueKind.Null)
            {
                if (s.ValueKind != JsonValueKind.Number || !s.TryGetInt64(out var stepValue))
                {
                    return false;
                }

                step = stepValue;
            }

            point = new MetricPoint(name.GetString()!, number, step);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool TryNumber(JsonElement element, out double number)
    {
        number = 0;
        return element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetDouble(out number),

            // Python's json module writes NaN/Infinity as bare tokens, which are not JSON; trainers that
            // want them send strings.
            JsonValueKind.String => double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
    }
}
