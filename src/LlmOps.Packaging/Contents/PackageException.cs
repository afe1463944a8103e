namespace LlmOps.Packaging;

/// <summary>A package that cannot be read or does not match what it says about itself; the message names the file and what is wrong.</summary>
public sealed class PackageException : Exception
{
    /// <summary>Creates the exception with a sentence naming what is wrong.</summary>
    public PackageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a sentence naming what is wrong and the error that revealed it.</summary>
    public PackageException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public PackageException()
        : base("the package is damaged")
    {
    }
}
