using System.Text;

namespace LlmOps.DataValidation.Tests;

/// <summary>A temporary folder with JSONL files, deleted after the test.</summary>
internal sealed class TempDataset : IDisposable
{
    public TempDataset() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "dv-tests-" + Guid.NewGuid().ToString("N"));

    public string Write(string name, params string[] lines) => WriteBytes(name, Encoding.UTF8.GetBytes(string.Join("\n", lines) + (lines.Length > 0 ? "\n" : "")));

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public string PathOf(string name) => Path.Combine(Root, name);

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
