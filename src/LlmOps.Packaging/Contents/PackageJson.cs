using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LlmOps.Packaging;

/// <summary>How the package's own JSON files are written: camel case, indented, no nulls, LF line ends, so the same content is the same bytes.</summary>
internal static class PackageJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    public static byte[] Bytes<T>(T value)
    {
        // Dictionaries keep null values whatever the ignore condition says; an absent field is what schemas expect.
        var node = JsonSerializer.SerializeToNode(value, Options);
        DropNulls(node);
        return Encoding.UTF8.GetBytes(node!.ToJsonString(Options) + "\n");
    }

    private static void DropNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    obj.Remove(name);
                }

                foreach (var (_, child) in obj)
                {
                    DropNulls(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    DropNulls(child);
                }

                break;
        }
    }

    public static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Options) ?? throw new PackageException($"{path}: empty JSON");
        }
        catch (JsonException e)
        {
            throw new PackageException($"{path}: not valid JSON ({e.Message})", e);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PackageException($"{path}: missing", e);
        }
    }

    public static T Read<T>(byte[] json, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new PackageException($"{what}: empty JSON");
        }
        catch (JsonException e)
        {
            throw new PackageException($"{what}: not valid JSON ({e.Message})", e);
        }
    }
}
