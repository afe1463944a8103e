using System.Text;

namespace LlmOps.OnnxChat;

/// <summary>
/// An answer to a conversation as text pieces: tokens are decoded as they come, and text is held back while it could
/// still be the start of a stop text or ends in an incomplete UTF-8 sequence (a byte-level token may carry half a
/// character), so a streamed answer never shows a stop text or a broken character that the whole answer would not.
/// </summary>
public static class ChatGeneration
{
    /// <summary>The pieces of the answer to <paramref name="messages"/>; the last one says why it ended.</summary>
    /// <exception cref="ChatModelException">A role the model has no marker for, or a prompt that fills the context.</exception>
    public static IEnumerable<ChatDelta> Stream(OnnxChatModel model, IReadOnlyList<ChatMessage> messages, ChatSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var prompt = model.Tokenizer.EncodePrompt(messages);
        if (prompt.Count >= model.ContextLength)
        {
            throw new ChatModelException($"the conversation is {prompt.Count} tokens and the model's context is {model.ContextLength}: shorten the messages");
        }

        return Pieces(model, prompt, settings, cancellationToken);
    }

    /// <summary>The whole answer to <paramref name="messages"/>.</summary>
    /// <exception cref="ChatModelException">As <see cref="Stream"/>.</exception>
    public static ChatAnswer Complete(OnnxChatModel model, IReadOnlyList<ChatMessage> messages, ChatSettings settings, CancellationToken cancellationToken) =>
        Join(Stream(model, messages, settings, cancellationToken));

    /// <summary>The whole answer that <paramref name="pieces"/> (from <see cref="Stream"/>) make up.</summary>
    public static ChatAnswer Join(IEnumerable<ChatDelta> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        var text = new StringBuilder();
        ChatDelta? last = null;
        foreach (var delta in pieces)
        {
            text.Append(delta.Text);
            last = delta;
        }

        return new ChatAnswer(text.ToString(), last!.PromptTokens, last.CompletionTokens, last.Finish ?? FinishReason.Length);
    }

    /// <summary>The number of characters at the end of <paramref name="text"/> that may not be shown yet.</summary>
    internal static int HeldBack(string text, IReadOnlyList<string> stops)
    {
        var held = 0;
        foreach (var stop in stops)
        {
            for (var length = Math.Min(stop.Length - 1, text.Length); length > held; length--)
            {
                if (text.EndsWith(stop[..length], StringComparison.Ordinal))
                {
                    held = length;
                    break;
                }
            }
        }

        var replacement = 0;
        while (replacement < text.Length && text[text.Length - 1 - replacement] == '\uFFFD')
        {
            replacement++;
        }

        return Math.Max(held, replacement);
    }

    private static IEnumerable<ChatDelta> Pieces(OnnxChatModel model, List<int> prompt, ChatSettings settings, CancellationToken cancellationToken)
    {
        var stops = settings.Stop?.Where(s => s.Length > 0).ToList() ?? [];
        var sampler = new TokenSampler(settings.Temperature, settings.TopP, settings.Seed);
        var maxTokens = Math.Min(settings.MaxTokens, model.ContextLength - prompt.Count);
        var generated = new List<int>();
        var text = "";
        var shown = 0;
        var finish = FinishReason.Length;
        foreach (var id in model.Tokens(prompt, maxTokens, sampler, cancellationToken))
        {
            if (id == model.Tokenizer.EndId)
            {
                finish = FinishReason.Stop;
                break;
            }

            generated.Add(id);
            text = model.Tokenizer.Decode(generated);
            var stopAt = FirstStop(text, stops, shown);
            if (stopAt >= 0)
            {
                yield return new ChatDelta(text[shown..stopAt], prompt.Count, generated.Count, FinishReason.Stop);
                yield break;
            }

            var visible = text.Length - HeldBack(text, stops);
            if (visible > shown)
            {
                yield return new ChatDelta(text[shown..visible], prompt.Count, generated.Count, null);
                shown = visible;
            }
        }

        yield return new ChatDelta(text[shown..], prompt.Count, generated.Count, finish);
    }

    private static int FirstStop(string text, List<string> stops, int from)
    {
        var first = -1;
        foreach (var stop in stops)
        {
            var at = text.IndexOf(stop, Math.Max(0, from - stop.Length + 1), StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first))
            {
                first = at;
            }
        }

        return first < 0 ? -1 : Math.Max(first, from);
    }
}
