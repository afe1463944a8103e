namespace LlmOps.OnnxChat;

/// <summary>How to answer: OpenAI's sampling parameters, already checked by the caller.</summary>
/// <param name="MaxTokens">The most tokens of the answer.</param>
/// <param name="Temperature">0 for greedy; otherwise the softmax temperature.</param>
/// <param name="TopP">The nucleus probability.</param>
/// <param name="Seed">The seed of the draws, or null.</param>
/// <param name="Stop">Texts that end the answer where they first appear (not included in it).</param>
public sealed record ChatSettings(int MaxTokens, double Temperature = 1, double TopP = 1, int? Seed = null, IReadOnlyList<string>? Stop = null);

/// <summary>Why an answer ended, in OpenAI's words (<c>stop</c>, <c>length</c>).</summary>
public enum FinishReason
{
    /// <summary>The model ended its message, or a stop text appeared.</summary>
    Stop,

    /// <summary>The token limit or the model's context was reached.</summary>
    Length,
}

/// <summary>A piece of the answer as it is generated; the last piece has <see cref="Finish"/> set.</summary>
/// <param name="Text">New text (may be empty).</param>
/// <param name="PromptTokens">Tokens of the prompt.</param>
/// <param name="CompletionTokens">Tokens generated so far.</param>
/// <param name="Finish">Why the answer ended, on the last piece only.</param>
public sealed record ChatDelta(string Text, int PromptTokens, int CompletionTokens, FinishReason? Finish);

/// <summary>A whole answer.</summary>
/// <param name="Text">The answer.</param>
/// <param name="PromptTokens">Tokens of the prompt.</param>
/// <param name="CompletionTokens">Tokens generated.</param>
/// <param name="Finish">Why it ended.</param>
public sealed record ChatAnswer(string Text, int PromptTokens, int CompletionTokens, FinishReason Finish);
