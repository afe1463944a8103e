namespace LlmOps.Core.Tests.Support;

/// <summary>
/// Stage bodies append their name to <c>&lt;root&gt;/trace.txt</c>, so a test sees which bodies really executed,
/// and in what order, from a real file.
/// </summary>
public static class Trace
{
    // Stages of one run execute in parallel in this process; two appends at once lose a line (each opens the file,
    // seeks to its end and writes there), which made tests of independent stages flaky.
    private static readonly Lock Appending = new();

    public static void Mark(StageContext ctx) => Append(ctx, ctx.StageName);

    /// <summary>Marks the stage with a note, such as the value of a parameter it read: <c>Support.Train epochs=5</c>.</summary>
    public static void Note(StageContext ctx, string note) => Append(ctx, $"{ctx.StageName} {note}");

    private static void Append(StageContext ctx, string line)
    {
        lock (Appending)
        {
            File.AppendAllText(Path.Combine(ctx.RootDirectory, "trace.txt"), line + "\n");
        }
    }

    public static IReadOnlyList<string> Read(string root)
    {
        var path = Path.Combine(root, "trace.txt");
        return File.Exists(path) ? File.ReadAllLines(path) : [];
    }
}
