using System.Text.Json;
using LlmOps.DataValidation.Json;
using LlmOps.DataValidation.Validation;

namespace LlmOps.DataValidation.Formats;

/// <summary>
/// DPO preference pairs as TRL uses them: "prompt", "chosen", "rejected", each either a string or a list of
/// {"role","content"} messages. Tokens per example = prompt + the longer of chosen/rejected (one training sequence).
/// </summary>
internal sealed class PreferenceChecker : ExampleChecker
{
    public override void Check(LineDom dom, ExampleSink sink)
    {
        if (dom[0].Kind != JsonTokenType.StartObject)
        {
            sink.Report(RuleIds.WrongType, "$", dom[0].Start, $"an example must be a JSON object, found {KindName(dom[0].Kind)}");
            return;
        }

        ReportUnknownFields(dom, 0, "", sink, "prompt", "chosen", "rejected");
        Side(dom, "prompt"u8, "prompt", 0, sink);
        var chosen = Side(dom, "chosen"u8, "chosen", 1, sink);
        var rejected = Side(dom, "rejected"u8, "rejected", 2, sink);
        if (chosen != LineDom.None && rejected != LineDom.None && dom.RawText(chosen) == dom.RawText(rejected))
        {
            sink.Report(RuleIds.IdenticalPair, "rejected", dom[rejected].Start, "'chosen' and 'rejected' are identical, so the pair teaches nothing");
        }
    }

    private static int Side(LineDom dom, ReadOnlySpan<byte> utf8, string name, int group, ExampleSink sink)
    {
        var node = dom.Property(0, utf8);
        sink.AddTurn(name);
        if (node == LineDom.None)
        {
            sink.Report(RuleIds.MissingField, name, 0, $"required field '{name}' is missing");
            return LineDom.None;
        }

        switch (dom[node].Kind)
        {
            case JsonTokenType.String:
                if (dom.IsBlankString(node))
                {
                    sink.Report(RuleIds.EmptyContent, name, dom[node].Start, $"'{name}' is empty");
                }
                else if (sink.WantsText)
                {
                    sink.AddText(dom.GetString(node), name, name, dom[node].Start, TextKind.Content, group);
                }

                return node;
            case JsonTokenType.StartArray:
                Messages(dom, node, name, group, sink);
                return node;
            default:
                sink.Report(RuleIds.WrongType, name, dom[node].Start, $"'{name}' must be a string or a list of messages, found {KindName(dom[node].Kind)}");
                return LineDom.None;
        }
    }

    private static void Messages(LineDom dom, int array, string name, int group, ExampleSink sink)
    {
        if (dom[array].ChildCount == 0)
        {
            sink.Report(RuleIds.EmptyContent, name, dom[array].Start, $"'{name}' is an empty list");
            return;
        }

        var i = 0;
        for (var m = dom[array].FirstChild; m != LineDom.None; m = dom[m].NextSibling, i++)
        {
            var path = $"{name}[{i}]";
            if (dom[m].Kind != JsonTokenType.StartObject)
            {
                sink.Report(RuleIds.WrongType, path, dom[m].Start, $"a message must be an object, found {KindName(dom[m].Kind)}");
                continue;
            }

            var role = dom.Property(m, "role"u8);
            if (role == LineDom.None || dom[role].Kind != JsonTokenType.String)
            {
                sink.Report(role == LineDom.None ? RuleIds.MissingField : RuleIds.WrongType, path + ".role", dom[m].Start, "a message needs a string 'role'");
            }
            else if (!(dom.StringEquals(role, "system"u8) || dom.StringEquals(role, "user"u8) || dom.StringEquals(role, "assistant"u8) || dom.StringEquals(role, "tool"u8)))
            {
                sink.Report(RuleIds.UnknownRole, path + ".role", dom[role].Start, $"unknown role {Describe(dom.GetString(role))}; expected system, user, assistant or tool");
            }

            var content = dom.Property(m, "content"u8);
            if (content == LineDom.None || dom[content].Kind != JsonTokenType.String)
            {
                sink.Report(content == LineDom.None ? RuleIds.MissingField : RuleIds.WrongType, path + ".content", content == LineDom.None ? dom[m].Start : dom[content].Start, "a message needs a string 'content'");
            }
            else if (dom.IsBlankString(content))
            {
                sink.Report(RuleIds.EmptyContent, path + ".content", dom[content].Start, "'content' is empty");
            }
            else if (sink.WantsText)
            {
                sink.AddText(dom.GetString(content), name, path + ".content", dom[content].Start, TextKind.Content, group);
            }
        }
    }
}
