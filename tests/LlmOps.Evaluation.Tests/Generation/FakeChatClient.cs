using Microsoft.Extensions.AI;

namespace LlmOps.Evaluation.Tests.Generation;

/// <summary>A chat client that answers from code, counts calls and the most calls in flight, and can fail first.</summary>
public sealed class FakeChatClient(Func<string, string> answer) : IChatClient
{
    private int _inFlight;
    private int _failuresLeft;

    public int Calls;
    public int MostInFlight;
    public List<string> Prompts { get; } = [];

    public TimeSpan Delay { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The usage each response reports, from its prompt and answer; none by default.</summary>
    public Func<string, string, UsageDetails?> Usage { get; init; } = (_, _) => null;

    public int FailFirst
    {
        init => _failuresLeft = value;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prompt = messages.Last().Text;
        lock (Prompts)
        {
            Prompts.Add(prompt);
        }

        Interlocked.Increment(ref Calls);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref MostInFlight)) && Interlocked.CompareExchange(ref MostInFlight, now, seen) != seen)
        {
        }

        try
        {
            await Task.Delay(Delay, cancellationToken);
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                throw new HttpRequestException("503 Service Unavailable");
            }

            var text = answer(prompt);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { Usage = Usage(prompt, text) };
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the gate does not stream");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
