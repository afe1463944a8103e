namespace LlmOps.Packaging;

/// <summary>What <c>.PublishesTo(...)</c> declared: the parameter holding the repository, the login, whether a modelcar image is pushed too.</summary>
/// <param name="Parameter">The name of the parameter holding <c>registry/repository</c>, for messages.</param>
/// <param name="Repository">Reads it; empty means "no registry configured".</param>
/// <param name="Modelcar">Whether the model is also pushed as a modelcar image.</param>
public sealed record PublishingSpec(string Parameter, Func<string?> Repository, bool Modelcar)
{
    /// <summary>Reads the registry user name, or null for an anonymous registry.</summary>
    public Func<string?>? Username { get; init; }

    /// <summary>Reads the registry password or token (a secret), or null.</summary>
    public Func<string?>? Password { get; init; }
}
