namespace LlmOps.Packaging.Oci;

/// <summary>A registry refused or answered wrongly, or a reference is malformed; the message says which, never with credentials.</summary>
public sealed class OciException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OciException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public OciException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
