using System.Text;
using System.Text.Json;

namespace LlmOps.Planning;

/// <summary>
/// A <c>.nuke/parameters*.json</c> file: a flat object of parameter values. Lines are kept so that a bad value
/// is reported as <c>.nuke/parameters.json:4: Epochs: 'x' is not an integer</c>.
/// </summary>
public sealed class ParameterFile
{
    private ParameterFile(string displayPath, Dictionary<string, Entry> entries)
    {
        DisplayPath = displayPath;
        Entries = entries;
    }

    /// <summary>The path as shown in messages (relative to the repository root).</summary>
    public string DisplayPath { get; }

    /// <summary>Values by normalised parameter name.</summary>
    public IReadOnlyDictionary<string, Entry> Entries { get; }

    /// <summary>A value with its original key and line.</summary>
    /// <param name="Key">The key as written.</param>
    /// <param name="Value">The value as command-line text.</param>
    /// <param name="Line">The 1-based line of the key.</param>
    public sealed record Entry(string Key, string Value, int Line);

    /// <summary>Reads a parameters file; returns null when it does not exist.</summary>
    public static ParameterFile? TryLoad(string path, string displayPath)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = File.ReadAllBytes(path);
        var entries = new Dictionary<string, Entry>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new DefinitionException($"{displayPath}:1: expected a JSON object of parameter values");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var key = reader.GetString()!;
                var line = LineOf(bytes, reader.TokenStartIndex);
                reader.Read();
                var value = ReadValue(ref reader, displayPath, line, key);
                if (!key.StartsWith('$'))
                {
                    entries[ParameterNames.Normalize(key)] = new Entry(key, value, line);
                }
            }
        }
        catch (JsonException e)
        {
            throw new DefinitionException($"{displayPath}:{(e.LineNumber ?? 0) + 1}: invalid JSON: {FirstSentence(e.Message)}");
        }

        return new ParameterFile(displayPath, entries);
    }

    private static string ReadValue(ref Utf8JsonReader reader, string file, int line, string key)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString()!;
            case JsonTokenType.Number:
                return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            case JsonTokenType.Null:
                return "";
            case JsonTokenType.StartArray:
                var items = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadValue(ref reader, file, line, key));
                }

                return string.Join(",", items);
            default:
                throw new DefinitionException($"{file}:{line}: {key}: expected a string, number, boolean or array");
        }
    }

    private static int LineOf(byte[] bytes, long offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
            }
        }

        return line;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
