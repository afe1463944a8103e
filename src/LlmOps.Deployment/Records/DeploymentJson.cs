using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmOps.Deployment;

/// <summary>The JSON form of deployment records and target state: camelCase, indented, nulls kept (a null serving version says "none").</summary>
internal static class DeploymentJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void Write<T>(string path, T value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Options) + "\n");
    }

    public static T? Read<T>(string path)
        where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new DeploymentException($"{path}: line {e.LineNumber + 1}: not a readable deployment state ({e.Message}); restore it or delete it to start over");
        }
    }
}
