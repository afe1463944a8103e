using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LlmOps.Governance.Audit;

/// <summary>
/// The one canonical form of an entry: keys in ordinal order, no whitespace, the same escaping every time, so the
/// stored line must be byte for byte what its parsed fields write back; an edit that keeps the JSON's meaning (a
/// space, an escaped letter) is still an edit.
/// </summary>
internal static class AuditJson
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    private static readonly string[] Fields = ["actor", "commit", "details", "hash", "kind", "prevHash", "runId", "seq", "subject", "time"];

    /// <summary>The entry's line (without the newline).</summary>
    public static string Line(AuditEntry entry) => Write(entry, withHash: true);

    /// <summary>The SHA-256 (hex) of the entry's canonical JSON without its hash.</summary>
    public static string HashOf(AuditEntry entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Write(entry, withHash: false))));

    /// <summary>Time as stored: UTC, milliseconds.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Parses a line, or says why it is not an entry.</summary>
    public static AuditEntry? TryParse(string line, out string problem)
    {
        problem = "";
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "it is not a JSON object";
                return null;
            }

            var names = root.EnumerateObject().Select(p => p.Name).ToList();
            if (Fields.Except(names).FirstOrDefault() is { } missing)
            {
                problem = $"field '{missing}' is missing";
                return null;
            }

            if (names.Except(Fields).FirstOrDefault() is { } extra)
            {
                problem = $"field '{extra}' is not an audit field";
                return null;
            }

            var details = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in root.GetProperty("details").EnumerateObject())
            {
                details[property.Name] = property.Value.GetString() ?? "";
            }

            return new AuditEntry(
                root.GetProperty("seq").GetInt64(),
                DateTimeOffset.ParseExact(root.GetProperty("time").GetString()!, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                Text(root, "actor"), Text(root, "runId"), Text(root, "commit"), Text(root, "kind"), Text(root, "subject"),
                details, Text(root, "prevHash"), Text(root, "hash"));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            problem = e is JsonException ? "it is not valid JSON" : "a field has the wrong type: " + e.Message;
            return null;
        }
    }

    private static string Text(JsonElement root, string name) => root.GetProperty(name).GetString() ?? throw new FormatException($"{name} is null");

    private static string Write(AuditEntry entry, bool withHash)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Writer))
        {
            json.WriteStartObject();
            json.WriteString("actor", entry.Actor);
            json.WriteString("commit", entry.Commit);
            json.WriteStartObject("details");
            foreach (var (key, value) in entry.Details.OrderBy(d => d.Key, StringComparer.Ordinal))
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            if (withHash)
            {
                json.WriteString("hash", entry.Hash);
            }

            json.WriteString("kind", entry.Kind);
            json.WriteString("prevHash", entry.PrevHash);
            json.WriteString("runId", entry.RunId);
            json.WriteNumber("seq", entry.Seq);
            json.WriteString("subject", entry.Subject);
            json.WriteString("time", entry.Time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
