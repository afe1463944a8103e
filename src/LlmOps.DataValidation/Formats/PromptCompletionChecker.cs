using System.Text.Json;
using LlmOps.DataValidation.Json;
using LlmOps.DataValidation.Validation;

namespace LlmOps.DataValidation.Formats;

/// <summary>{"prompt": "...", "completion": "..."} lines.</summary>
internal sealed class PromptCompletionChecker : ExampleChecker
{
    public override void Check(LineDom dom, ExampleSink sink)
    {
        if (dom[0].Kind != JsonTokenType.StartObject)
        {
            sink.Report(RuleIds.WrongType, "$", dom[0].Start, $"an example must be a JSON object, found {KindName(dom[0].Kind)}");
            return;
        }

        ReportUnknownFields(dom, 0, "", sink, "prompt", "completion");
        Field(dom, "prompt"u8, "prompt", sink);
        Field(dom, "completion"u8, "completion", sink);
    }

    private static void Field(LineDom dom, ReadOnlySpan<byte> utf8, string name, ExampleSink sink)
    {
        var node = dom.Property(0, utf8);
        sink.AddTurn(name);
        if (node == LineDom.None)
        {
            sink.Report(RuleIds.MissingField, name, 0, $"required field '{name}' is missing");
        }
        else if (dom[node].Kind != JsonTokenType.String)
        {
            sink.Report(RuleIds.WrongType, name, dom[node].Start, $"'{name}' must be a string, found {KindName(dom[node].Kind)}");
        }
        else if (dom.IsBlankString(node))
        {
            sink.Report(RuleIds.EmptyContent, name, dom[node].Start, $"'{name}' is empty");
        }
        else if (sink.WantsText)
        {
            sink.AddText(dom.GetString(node), name, name, dom[node].Start);
        }
    }
}
