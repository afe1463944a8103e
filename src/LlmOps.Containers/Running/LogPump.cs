using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace LlmOps.Containers.Running;

/// <summary>
/// Follows a container's log stream, demultiplexes stdout/stderr and hands out whole lines as they arrive.
/// Reads frames itself (rather than the IProgress&lt;string&gt; overload) so that each stream keeps its own
/// partial line and a multi-byte UTF-8 character split across frames still decodes.
/// </summary>
internal static class LogPump
{
    public static async Task RunAsync(IDockerClient client, string containerId, Action<string> onLine, CancellationToken cancellationToken)
    {
        using var stream = await client.Containers.GetContainerLogsAsync(
            containerId,
            new ContainerLogsParameters { Follow = true, ShowStdout = true, ShowStderr = true },
            cancellationToken).ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        var splitters = new Dictionary<MultiplexedStream.TargetStream, LineSplitter>();
        while (true)
        {
            var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
            if (read.EOF)
            {
                break;
            }

            if (!splitters.TryGetValue(read.Target, out var splitter))
            {
                splitter = new LineSplitter(onLine);
                splitters[read.Target] = splitter;
            }

            splitter.Feed(buffer.AsSpan(0, read.Count));
        }

        foreach (var splitter in splitters.Values)
        {
            splitter.Flush();
        }
    }

    /// <summary>Decodes UTF-8 across chunk boundaries and emits complete lines without their terminator.</summary>
    internal sealed class LineSplitter(Action<string> onLine)
    {
        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
        private readonly StringBuilder _pending = new();
        private char[] _chars = new char[4096];

        public void Feed(ReadOnlySpan<byte> bytes)
        {
            var needed = _decoder.GetCharCount(bytes, flush: false);
            if (needed > _chars.Length)
            {
                _chars = new char[needed];
            }

            var count = _decoder.GetChars(bytes, _chars, flush: false);
            var start = 0;
            for (var i = 0; i < count; i++)
            {
                if (_chars[i] == '\n')
                {
                    _pending.Append(_chars, start, i - start);
                    Emit();
                    start = i + 1;
                }
            }

            _pending.Append(_chars, start, count - start);
        }

        public void Flush()
        {
            if (_pending.Length > 0)
            {
                Emit();
            }
        }

        private void Emit()
        {
            if (_pending.Length > 0 && _pending[^1] == '\r')
            {
                _pending.Length--;
            }

            onLine(_pending.ToString());
            _pending.Clear();
        }
    }
}
