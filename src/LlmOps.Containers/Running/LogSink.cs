namespace LlmOps.Containers.Running;

/// <summary>
/// The single path every line takes to the user: masks secrets, keeps the tail, and serialises calls
/// (log lines, runner notices and metrics warnings come from different tasks).
/// </summary>
internal sealed class LogSink(Action<string>? sink, SecretMasker masker, int tailLines)
{
    private readonly Lock _gate = new();
    private readonly Queue<string> _tail = new();

    public void Line(string line)
    {
        var masked = masker.Mask(line);
        lock (_gate)
        {
            _tail.Enqueue(masked);
            while (_tail.Count > Math.Max(tailLines, 0))
            {
                _tail.Dequeue();
            }

            sink?.Invoke(masked);
        }
    }

    public void Notice(string message)
    {
        lock (_gate)
        {
            sink?.Invoke("[llmops] " + masker.Mask(message));
        }
    }

    public string Mask(string text) => masker.Mask(text);

    public IReadOnlyList<string> Tail()
    {
        lock (_gate)
        {
            return [.. _tail];
        }
    }

    public void ResetTail()
    {
        lock (_gate)
        {
            _tail.Clear();
        }
    }
}
