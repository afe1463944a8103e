using System.Text;
using System.Text.RegularExpressions;

namespace LlmOps.Emission.Yaml;

/// <summary>
/// Writes a <see cref="YamlNode"/> tree as block-style YAML with two-space indentation and LF line endings.
/// The output depends on nothing but the tree, so generated files are byte-identical across runs and machines.
/// </summary>
public static partial class YamlWriter
{
    /// <summary>Writes <paramref name="root"/> after <paramref name="headerComments"/> (one <c># </c> line each).</summary>
    public static string Write(YamlMapping root, IEnumerable<string> headerComments)
    {
        var text = new StringBuilder();
        foreach (var line in headerComments)
        {
            text.Append("# ").Append(CommentText(line)).Append('\n');
        }

        WriteMappingBody(text, root, 0);
        return text.ToString();
    }

    private static void WriteMappingBody(StringBuilder text, YamlMapping map, int indent) => WriteMappingBody(text, map, indent, firstInline: false);

    private static void WriteValueAfterKey(StringBuilder text, YamlNode value, int indent)
    {
        switch (value)
        {
            case YamlScalar scalar:
                text.Append(' ');
                WriteScalar(text, scalar, indent + 2);
                break;
            case YamlMapping { Entries.Count: 0 }:
                text.Append(" {}\n");
                break;
            case YamlMapping map:
                text.Append('\n');
                WriteMappingBody(text, map, indent + 2);
                break;
            case YamlSequence { Items.Count: 0 }:
                text.Append(" []\n");
                break;
            case YamlSequence seq when IsFlow(seq):
                text.Append(" [").Append(string.Join(", ", seq.Items.Cast<YamlScalar>().Select(s => FlowItemText(s.Value)))).Append("]\n");
                break;
            case YamlSequence seq:
                text.Append('\n');
                WriteSequence(text, seq, indent + 2);
                break;
        }
    }

    private static void WriteSequence(StringBuilder text, YamlSequence seq, int indent)
    {
        foreach (var item in seq.Items)
        {
            text.Append(' ', indent).Append("- ");
            switch (item)
            {
                case YamlScalar scalar:
                    WriteScalar(text, scalar, indent + 2);
                    break;
                case YamlMapping { Entries.Count: 0 }:
                    text.Append("{}\n");
                    break;
                case YamlMapping map:
                    // The first entry shares the dash's line; the rest align under it.
                    WriteMappingBody(text, map, indent + 2, firstInline: true);
                    break;
                case YamlSequence { Items.Count: 0 }:
                    text.Append("[]\n");
                    break;
                case YamlSequence inner:
                    text.Append('\n');
                    WriteSequence(text, inner, indent + 2);
                    break;
            }
        }
    }

    private static void WriteMappingBody(StringBuilder text, YamlMapping map, int indent, bool firstInline)
    {
        var first = firstInline;
        foreach (var (key, value) in map.Entries)
        {
            if (!first)
            {
                text.Append(' ', indent);
            }

            first = false;
            text.Append(Key(key, topLevel: indent == 0)).Append(':');
            WriteValueAfterKey(text, value, indent);
        }
    }

    private static void WriteScalar(StringBuilder text, YamlScalar scalar, int indent)
    {
        var comment = scalar.Comment is null ? "" : " # " + CommentText(scalar.Comment);
        if (!scalar.IsString)
        {
            text.Append(scalar.Value).Append(comment).Append('\n');
        }
        else if (YamlScalars.CanBePlain(scalar.Value))
        {
            text.Append(scalar.Value).Append(comment).Append('\n');
        }
        else if (IsLiteralBlockSafe(scalar.Value))
        {
            // Multi-line generated text (scripts, path lists) reads best as a literal block; '|' keeps the final newline.
            text.Append('|').Append(comment).Append('\n');
            foreach (var line in scalar.Value[..^1].Split('\n'))
            {
                text.Append(' ', indent).Append(line).Append('\n');
            }
        }
        else
        {
            text.Append(YamlScalars.DoubleQuoted(scalar.Value)).Append(comment).Append('\n');
        }
    }

    private static string Key(string key, bool topLevel) => YamlScalars.CanBePlainKey(key, topLevel) ? key : YamlScalars.DoubleQuoted(key);

    // Flow items follow the rules of every other scalar: 'True' or 'on' as a label or a job id is quoted.
    private static string FlowItemText(string value) => YamlScalars.CanBePlainInFlow(value) ? value : YamlScalars.DoubleQuoted(value);

    private static bool IsFlow(YamlSequence seq) =>
        seq.Flow && seq.Items.All(i => i is YamlScalar { IsString: true, Comment: null } s && FlowItem().IsMatch(s.Value));

    // A literal block holds text exactly when it ends with one newline, has no other line ending style, no
    // trailing or leading blanks on lines, and only printable ASCII (anything else is double-quoted instead).
    private static bool IsLiteralBlockSafe(string value) =>
        value.Length > 1 && value[^1] == '\n' && value[^2] != '\n' && LiteralBlock().IsMatch(value[..^1]);

    private static string CommentText(string comment) =>
        comment.Contains('\n') || comment.Contains('\r') ? throw new ArgumentException("A comment must be one line.", nameof(comment)) : comment;

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]*\z")]
    private static partial Regex FlowItem();

    [GeneratedRegex(@"^(?:[!-~](?:[ -~]*[!-~])?)(?:\n[!-~](?:[ -~]*[!-~])?)*\z")]
    private static partial Regex LiteralBlock();
}
