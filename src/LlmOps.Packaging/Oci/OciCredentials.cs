namespace LlmOps.Packaging.Oci;

/// <summary>A registry login: sent as HTTP basic authentication, or exchanged for a bearer token where the registry asks for one.</summary>
/// <param name="Username">The user name (for GitHub's registry, the actor).</param>
/// <param name="Password">The password or token; never printed.</param>
public sealed record OciCredentials(string Username, string Password)
{
    /// <inheritdoc />
    public override string ToString() => $"{Username}:***";

    internal string Basic => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Username}:{Password}"));
}
