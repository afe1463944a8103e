using System.Text;
using System.Text.Json.Nodes;
using LlmOps.DataValidation.Pii;

namespace LlmOps.DataValidation.Validation;

/// <summary>
/// Writes the split with every detected value replaced by a placeholder such as <c>[EMAIL]</c>. Clean lines are
/// copied byte for byte; the file appears only when complete (temp file + rename).
/// </summary>
internal sealed class RedactedCopyWriter : IDisposable
{
    private readonly string _target;
    private readonly string _temp;
    private readonly FileStream _stream;
    private readonly PiiScanner _scanner;
    private bool _done;

    public RedactedCopyWriter(string directory, string fileName, PiiKind kinds, PiiOptions options)
    {
        Directory.CreateDirectory(directory);
        _target = System.IO.Path.Combine(directory, fileName);
        _temp = _target + $".{Environment.ProcessId}.tmp";
        _stream = new FileStream(_temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        _scanner = new PiiScanner(kinds, options);
    }

    public string Path => _target;

    public void Write(LineBatch batch, int index, LineOutcome outcome)
    {
        var line = batch.Lines[index];
        if (line.SkippedLength > 0)
        {
            return; // never read, so it cannot be checked; leaving it out is the only safe copy
        }

        var bytes = batch.Buffer.AsSpan(line.Offset, line.Length);
        if (outcome.HasPii || !outcome.IsExample)
        {
            _stream.Write(Encoding.UTF8.GetBytes(Redact(bytes)));
        }
        else
        {
            _stream.Write(bytes);
        }

        _stream.WriteByte((byte)'\n');
    }

    public void Complete()
    {
        _stream.Flush(true);
        _stream.Dispose();
        File.Move(_temp, _target, overwrite: true);
        _done = true;
    }

    public void Dispose()
    {
        _stream.Dispose();
        if (!_done && File.Exists(_temp))
        {
            File.Delete(_temp);
        }
    }

    private string Redact(ReadOnlySpan<byte> bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        _scanner.BeginExample();
        try
        {
            var node = JsonNode.Parse(text);
            if (node is not null)
            {
                return Walk(node).ToJsonString();
            }
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            // Not JSON, or a string the DOM cannot read (a lone surrogate escape): redact the raw text so the copy
            // still holds no detected value.
            _scanner.BeginExample();
        }

        return _scanner.Redact(text);
    }

    private JsonNode Walk(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (obj[key] is { } child)
                    {
                        obj[key] = Walk(child.DeepClone());
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is { } child)
                    {
                        array[i] = Walk(child.DeepClone());
                    }
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var s):
                return JsonValue.Create(_scanner.Redact(s));
            default:
                return node;
        }
    }
}
