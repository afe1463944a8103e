using LlmOps.DataValidation.Json;
using LlmOps.DataValidation.Validation;

namespace LlmOps.DataValidation.Formats;

/// <summary>Checks one parsed line against a format. One instance per worker thread, so implementations may keep scratch state.</summary>
internal abstract class ExampleChecker
{
    public abstract void Check(LineDom dom, ExampleSink sink);

    /// <summary>A name from the data as a report may show it: quoted, or hidden when it could be a secret (see <see cref="Pii.ReportedNames"/>).</summary>
    protected static string Describe(string value) => Pii.ReportedNames.Quote(value);

    protected static string KindName(System.Text.Json.JsonTokenType kind) => kind switch
    {
        System.Text.Json.JsonTokenType.StartObject => "object",
        System.Text.Json.JsonTokenType.StartArray => "array",
        System.Text.Json.JsonTokenType.String => "string",
        System.Text.Json.JsonTokenType.Number => "number",
        System.Text.Json.JsonTokenType.True or System.Text.Json.JsonTokenType.False => "boolean",
        System.Text.Json.JsonTokenType.Null => "null",
        _ => kind.ToString(),
    };

    private static bool IsKnown(LineDom dom, int node, string[] known)
    {
        foreach (var k in known)
        {
            if (dom.NameEqualsAscii(node, k))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reports fields not in <paramref name="known"/> as unknown.</summary>
    protected static void ReportUnknownFields(LineDom dom, int obj, string pathPrefix, ExampleSink sink, params string[] known)
    {
        for (var c = dom[obj].FirstChild; c != LineDom.None; c = dom[c].NextSibling)
        {
            if (!IsKnown(dom, c, known))
            {
                ReportUnknownField(dom, c, pathPrefix, sink);
            }
        }
    }

    /// <summary>Reports one property as unknown (for checkers that classify fields themselves in one pass).</summary>
    protected static void ReportUnknownField(LineDom dom, int node, string pathPrefix, ExampleSink sink)
    {
        var name = dom.GetName(node);
        sink.Report(RuleIds.UnknownField, pathPrefix.Length == 0 ? Describe(name).Trim('\'') : $"{pathPrefix}.{Describe(name).Trim('\'')}", dom[node].NameStart - 1, $"unknown field {Describe(name)}");
    }
}
