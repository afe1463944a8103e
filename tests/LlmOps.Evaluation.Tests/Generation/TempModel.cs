namespace LlmOps.Evaluation.Tests.Generation;

/// <summary>A model folder with one weights file in a temporary folder, and eval examples asking "question i".</summary>
public sealed class TempModel : IDisposable
{
    public TempModel(string name)
    {
        Root = Path.Combine(Path.GetTempPath(), $"llmops-{name}-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Model);
        File.WriteAllText(Path.Combine(Model, "adapter.bin"), "weights v1");
    }

    public string Root { get; }

    public string Model => Path.Combine(Root, "model");

    public static IReadOnlyList<EvalExample> Examples(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new EvalExample($"e{i}", $"question {i}", $"answer {i}", new Dictionary<string, string>()))];

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
