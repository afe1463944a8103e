using YamlDotNet.RepresentationModel;

namespace LlmOps.Governance;

/// <summary>
/// A Hugging Face model card as the policy reads it: the YAML front matter's top-level fields and the Markdown's
/// second-level sections, so a required field is present in either place.
/// </summary>
public sealed class ModelCard
{
    private ModelCard(IReadOnlyDictionary<string, string> fields, IReadOnlyDictionary<string, string> sections) => (Fields, Sections) = (fields, sections);

    /// <summary>The front matter's top-level fields (a list or mapping as its YAML text), by name.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>The text under each <c>## Heading</c>, by heading (case-insensitive).</summary>
    public IReadOnlyDictionary<string, string> Sections { get; }

    /// <summary>
    /// The value of <paramref name="field"/> (<c>intended_use</c> or <c>Intended use</c>): a front matter field, or
    /// the section with that heading; null when absent, empty, or a placeholder in italics (<c>_Not declared._</c>).
    /// </summary>
    public string? Get(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var heading = field.Replace('_', ' ');
        var value = Fields.TryGetValue(field, out var f) ? f : Sections.TryGetValue(heading, out var s) ? s : null;
        return string.IsNullOrWhiteSpace(value) || (value.Trim() is var t && t.StartsWith('_') && t.EndsWith('_')) ? null : value.Trim();
    }

    /// <summary>Parses a model card; a card without front matter has only sections.</summary>
    /// <exception cref="FormatException">The front matter is not YAML; the message names the line.</exception>
    public static ModelCard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.ReplaceLineEndings("\n");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var body = text;
        if (text.StartsWith("---\n", StringComparison.Ordinal) && text.IndexOf("\n---", 3, StringComparison.Ordinal) is var end and > 0)
        {
            var yaml = new YamlStream();
            try
            {
                yaml.Load(new StringReader(text[4..(end + 1)]));
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                throw new FormatException($"the model card's front matter is not YAML (line {e.Start.Line + 1}): {e.Message}", e);
            }

            if (yaml.Documents.Count > 0 && yaml.Documents[0].RootNode is YamlMappingNode mapping)
            {
                foreach (var (key, value) in mapping.Children)
                {
                    fields[key.ToString()] = value is YamlScalarNode scalar ? scalar.Value ?? "" : value.ToString();
                }
            }

            body = text[(end + 4)..];
        }

        var sections = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? current = null;
        var content = new System.Text.StringBuilder();
        foreach (var line in body.Split('\n').Append("## "))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    sections[current] = content.ToString().Trim();
                }

                current = line[3..].Trim();
                content.Clear();
            }
            else if (current is not null)
            {
                content.Append(line).Append('\n');
            }
        }

        return new ModelCard(fields, sections);
    }
}
