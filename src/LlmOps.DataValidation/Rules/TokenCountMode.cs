namespace LlmOps.DataValidation;

/// <summary>What the per-example token count includes.</summary>
public enum TokenCountMode
{
    /// <summary>
    /// For chat data, the OpenAI cookbook estimate of what the model sees: content tokens plus role tokens,
    /// 3 tokens per message, name tokens + 1, tool-call names and arguments, and 3 tokens priming the reply.
    /// Other formats count content only.
    /// </summary>
    ChatFormat,

    /// <summary>Only the text of message contents (and prompt/completion/chosen/rejected fields).</summary>
    ContentOnly,
}
