using LlmOps.Dsl;

namespace LlmOps.Core.Tests.CrashChild;

/// <summary>
/// Write produces a two-file artifact: it writes the first file and half of the second, announces that in
/// <c>&lt;root&gt;/write-started</c>, then blocks until <c>&lt;root&gt;/release</c> exists. A test kills the process
/// while it blocks. Check consumes the artifact and fails unless both files are whole.
/// </summary>
public sealed class CrashPipeline : Pipeline
{
    /// <summary>The full content of the second file; a killed run leaves only its first half on disk.</summary>
    public const string SecondFile = "0123456789abcdefghijklmnopqrstuvwxyz";

    Artifact<DatasetArtifact> Data => new("crash-data");

    public override Stage Default => Check;

    Stage Write => _ => _
        .Produces(Data)
        .Executes(ctx =>
        {
            var output = ctx.Output(Data);
            File.WriteAllText(output.File("first.txt"), "first file, complete\n");
            using (var second = new FileStream(output.File("second.txt"), FileMode.Create))
            {
                second.Write(System.Text.Encoding.UTF8.GetBytes(SecondFile[..(SecondFile.Length / 2)]));
                second.Flush(flushToDisk: true);
                File.WriteAllText(Path.Combine(ctx.RootDirectory, "write-started"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                while (!File.Exists(Path.Combine(ctx.RootDirectory, "release")))
                {
                    ctx.CancellationToken.ThrowIfCancellationRequested();
                    Thread.Sleep(25);
                }

                second.Write(System.Text.Encoding.UTF8.GetBytes(SecondFile[(SecondFile.Length / 2)..]));
            }

            File.AppendAllText(Path.Combine(ctx.RootDirectory, "write-finished"), "x");
        });

    Stage Check => _ => _
        .Consumes(Data)
        .Executes(ctx =>
        {
            var data = ctx.Input(Data);
            var second = File.ReadAllText(data.File("second.txt"));
            if (second != SecondFile || data.Files().Count != 2)
            {
                throw new StageFailedException($"crash-data is incomplete: second.txt is '{second}'");
            }

            File.AppendAllText(Path.Combine(ctx.RootDirectory, "check-passed"), "x");
        });
}
