using System.Globalization;
using System.Text.Json;
using LlmOps.Dsl;

namespace LlmOps.Evaluation;

/// <summary>Reads an eval set from JSONL, one example per line; a bad line fails the stage naming the file, line and field.</summary>
public static class EvalSetReader
{
    /// <summary>Reads the examples of the artifact folder <paramref name="directory"/> described by <paramref name="format"/>.</summary>
    /// <exception cref="StageFailedException">The file is missing, a line is not a JSON object, or a field is missing.</exception>
    public static IReadOnlyList<EvalExample> Read(string directory, EvalSetFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var path = Locate(directory, format);
        var examples = new List<EvalExample>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            examples.Add(Parse(path, lineNumber, line, format));
        }

        if (examples.Count == 0)
        {
            throw new StageFailedException($"{path}: the eval set has no examples");
        }

        var duplicate = examples.GroupBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? examples : throw new StageFailedException($"{path}: id '{duplicate.Key}' appears {duplicate.Count()} times; paired comparisons need one example per id");
    }

    private static string Locate(string directory, EvalSetFormat format)
    {
        if (format.File is { } file)
        {
            var path = Path.Combine(directory, file);
            return File.Exists(path) ? path : throw new StageFailedException($"the eval set has no file '{file}' (looked in {directory})");
        }

        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.jsonl", SearchOption.AllDirectories) : [];
        return files.Length == 1
            ? files[0]
            : throw new StageFailedException($"the eval set in {directory} has {files.Length} .jsonl files; name one with .Examples(file: ...)");
    }

    private static EvalExample Parse(string path, int lineNumber, string line, EvalSetFormat format)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new StageFailedException($"{path}:{lineNumber}: not valid JSON ({e.Message.Split(". ")[0]})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new StageFailedException($"{path}:{lineNumber}: expected a JSON object, got {document.RootElement.ValueKind}");
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            }

            if (!fields.TryGetValue(format.Input, out var input))
            {
                throw new StageFailedException($"{path}:{lineNumber}: field '{format.Input}' (the input) is missing");
            }

            var id = fields.TryGetValue(format.Id, out var given) ? given : lineNumber.ToString(CultureInfo.InvariantCulture);
            return new EvalExample(id, input, fields.GetValueOrDefault(format.Expected), fields);
        }
    }
}
