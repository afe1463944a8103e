namespace LlmOps.Core.Tests.Support;

/// <summary>
/// Stage bodies append their name to <c>&lt;root&gt;/trace.txt</c>, so a test sees which bodies really executed,
/// and in what order, from a real file.
/// </summary>
public static class Trace
{
    public static void Mark(StageContext ctx) => File.AppendAllText(Path.Combine(ctx.RootDirectory, "trace.txt"), ctx.StageName + "\n");

    /// <summary>Marks the stage with a note, such as the value of a parameter it read: <c>Support.Train epochs=5</c>.</summary>
    public static void Note(StageContext ctx, string note) => File.AppendAllText(Path.Combine(ctx.RootDirectory, "trace.txt"), $"{ctx.StageName} {note}\n");

    public static IReadOnlyList<string> Read(string root)
    {
        var path = Path.Combine(root, "trace.txt");
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }
}
