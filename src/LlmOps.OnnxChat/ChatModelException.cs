namespace LlmOps.OnnxChat;

/// <summary>A chat model that cannot be loaded or asked; the message names the file or the input and what is wrong.</summary>
public sealed class ChatModelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChatModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ChatModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
