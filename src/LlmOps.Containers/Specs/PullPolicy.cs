namespace LlmOps.Containers.Specs;

/// <summary>When to pull an image referenced by tag or digest.</summary>
public enum PullPolicy
{
    /// <summary>Pull only when the image is not present locally (the default).</summary>
    Missing,

    /// <summary>Always pull, so a moving tag is refreshed.</summary>
    Always,

    /// <summary>Never pull; fail if the image is not present locally (air-gapped runners).</summary>
    Never,
}
