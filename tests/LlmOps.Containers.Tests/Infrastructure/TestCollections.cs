namespace LlmOps.Containers.Tests.Infrastructure;

/// <summary>
/// The classes of one collection run one after another; the two collections run side by side. Split into several
/// classes, the end-to-end stage tests raced each other on the one engine (images untagged while in use, a container's
/// output missing from its log), failing about one CI run in four, so they keep the concurrency they had as one class.
/// </summary>
public static class TestCollections
{
    /// <summary>Container stages end to end through the planner and the executor.</summary>
    public const string ContainerStages = "container stages end to end";

    /// <summary>The container runner against the engine.</summary>
    public const string ContainerRunner = "container runner";
}
