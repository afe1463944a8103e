using System.Text.Json;
using LlmOps.DataValidation.Json;
using LlmOps.DataValidation.Validation;

namespace LlmOps.DataValidation.Formats;

/// <summary>The OpenAI chat fine-tuning format: {"messages":[{"role":..,"content":..}], "tools":[..]}.</summary>
internal sealed class ChatChecker : ExampleChecker
{
    /// <summary>The ids of the tool calls made so far in the example, so a tool message's reply can be matched to one.</summary>
    private readonly HashSet<string> _callIds = new(StringComparer.Ordinal);

    public override void Check(LineDom dom, ExampleSink sink)
    {
        _callIds.Clear();
        if (dom[0].Kind != JsonTokenType.StartObject)
        {
            sink.Report(RuleIds.WrongType, "$", dom[0].Start, $"an example must be a JSON object, found {KindName(dom[0].Kind)}");
            return;
        }

        int tools = LineDom.None, messages = LineDom.None;
        for (var c = dom[0].FirstChild; c != LineDom.None; c = dom[c].NextSibling)
        {
            var name = dom.NameUtf8(c);
            if (name.SequenceEqual("messages"u8))
            {
                messages = messages == LineDom.None ? c : messages;
            }
            else if (name.SequenceEqual("tools"u8))
            {
                tools = tools == LineDom.None ? c : tools;
            }
            else if (!name.SequenceEqual("parallel_tool_calls"u8) && !name.SequenceEqual("functions"u8))
            {
                ReportUnknownField(dom, c, "", sink);
            }
        }

        if (tools != LineDom.None)
        {
            if (dom[tools].Kind != JsonTokenType.StartArray)
            {
                sink.Report(RuleIds.WrongType, "tools", dom[tools].Start, $"'tools' must be an array, found {KindName(dom[tools].Kind)}");
            }
            else if (sink.WantsText && sink.CountChatOverhead)
            {
                sink.AddText(dom.RawText(tools), "tools", "tools", dom[tools].Start, TextKind.Metadata);
            }
        }

        if (messages == LineDom.None)
        {
            sink.Report(RuleIds.MissingField, "messages", 0, "required field 'messages' is missing");
            return;
        }

        if (dom[messages].Kind != JsonTokenType.StartArray)
        {
            sink.Report(RuleIds.WrongType, "messages", dom[messages].Start, $"'messages' must be an array, found {KindName(dom[messages].Kind)}");
            return;
        }

        if (dom[messages].ChildCount == 0)
        {
            sink.Report(RuleIds.EmptyContent, "messages", dom[messages].Start, "'messages' is empty");
            return;
        }

        var i = 0;
        string? lastRole = null;
        for (var m = dom[messages].FirstChild; m != LineDom.None; m = dom[m].NextSibling, i++)
        {
            lastRole = CheckMessage(dom, m, i, sink);
        }

        if (sink.CountChatOverhead)
        {
            sink.OverheadTokens += 3;
        }

        if (lastRole is not null && lastRole != "assistant")
        {
            sink.Report(RuleIds.LastTurnNotAssistant, $"messages[{i - 1}]", dom[messages].Start, "the conversation must end with an assistant message (the turn the model learns)");
        }
    }

    private string? CheckMessage(LineDom dom, int m, int i, ExampleSink sink)
    {
        var path = MessagePaths.Message(i);
        if (dom[m].Kind != JsonTokenType.StartObject)
        {
            sink.Report(RuleIds.WrongType, path, dom[m].Start, $"a message must be an object, found {KindName(dom[m].Kind)}");
            return null;
        }

        // One pass over the message's fields instead of a lookup per field: this was the checker's main cost.
        // Each slot keeps the first occurrence, as a lookup by name would find it.
        int roleNode = LineDom.None, content = LineDom.None, name = LineDom.None, weight = LineDom.None;
        int toolCalls = LineDom.None, toolCallId = LineDom.None, functionCall = LineDom.None;
        for (var c = dom[m].FirstChild; c != LineDom.None; c = dom[c].NextSibling)
        {
            var field = dom.NameUtf8(c);
            ref var slot = ref roleNode;
            switch (field.Length)
            {
                case 4 when field.SequenceEqual("role"u8): break;
                case 4 when field.SequenceEqual("name"u8): slot = ref name; break;
                case 6 when field.SequenceEqual("weight"u8): slot = ref weight; break;
                case 7 when field.SequenceEqual("content"u8): slot = ref content; break;
                case 7 when field.SequenceEqual("refusal"u8): continue;
                case 10 when field.SequenceEqual("tool_calls"u8): slot = ref toolCalls; break;
                case 12 when field.SequenceEqual("tool_call_id"u8): slot = ref toolCallId; break;
                case 13 when field.SequenceEqual("function_call"u8): slot = ref functionCall; break;
                default:
                    ReportUnknownField(dom, c, path, sink);
                    continue;
            }

            if (slot == LineDom.None)
            {
                slot = c;
            }
        }

        string? role = null;
        if (roleNode == LineDom.None)
        {
            sink.Report(RuleIds.MissingField, path + ".role", dom[m].Start, "required field 'role' is missing");
        }
        else if (dom[roleNode].Kind != JsonTokenType.String)
        {
            sink.Report(RuleIds.WrongType, path + ".role", dom[roleNode].Start, $"'role' must be a string, found {KindName(dom[roleNode].Kind)}");
        }
        else
        {
            role = KnownRole(dom, roleNode);
            if (role is null)
            {
                sink.Report(RuleIds.UnknownRole, path + ".role", dom[roleNode].Start, $"unknown role {Describe(dom.GetString(roleNode))}; expected system, user, assistant or tool");
                role = "other";
            }
        }

        sink.AddTurn(role ?? "other");
        if (sink.CountChatOverhead)
        {
            sink.OverheadTokens += 3;
            if (sink.WantsText && role is not null)
            {
                sink.AddText(role, role, path + ".role", dom[roleNode].Start, TextKind.Metadata);
            }
        }

        var hasToolCalls = toolCalls != LineDom.None && dom[toolCalls].Kind != JsonTokenType.Null;
        if (hasToolCalls)
        {
            CheckToolCalls(dom, toolCalls, path, role, sink);
        }

        CheckContent(dom, m, content, i, role ?? "other", hasToolCalls || functionCall != LineDom.None, sink);
        CheckName(dom, name, path, role ?? "other", sink);
        CheckWeight(dom, weight, path, role, sink);

        if (role == "tool" && toolCallId == LineDom.None)
        {
            sink.Report(RuleIds.MissingField, path + ".tool_call_id", dom[m].Start, "a tool message needs 'tool_call_id'");
        }
        else if (toolCallId != LineDom.None)
        {
            if (role is not null and not "tool")
            {
                sink.Report(RuleIds.MisplacedField, path + ".tool_call_id", dom[toolCallId].Start, $"'tool_call_id' is only allowed on tool messages, not {role}");
            }
            else if (dom[toolCallId].Kind != JsonTokenType.String)
            {
                sink.Report(RuleIds.WrongType, path + ".tool_call_id", dom[toolCallId].Start, $"'tool_call_id' must be a string, found {KindName(dom[toolCallId].Kind)}");
            }
            else if (!_callIds.Contains(dom.GetString(toolCallId)))
            {
                sink.Report(RuleIds.UnmatchedToolCallId, path + ".tool_call_id", dom[toolCallId].Start, $"'tool_call_id' {Describe(dom.GetString(toolCallId))} matches no tool call of an earlier assistant message");
            }
        }

        return role;
    }

    private static string? KnownRole(LineDom dom, int roleNode)
    {
        // The common unescaped case compares raw bytes; StringEquals would re-slice the line for every candidate.
        if (!dom[roleNode].Escaped)
        {
            return dom.RawString(roleNode) switch
            {
                var r when r.SequenceEqual("assistant"u8) => "assistant",
                var r when r.SequenceEqual("user"u8) => "user",
                var r when r.SequenceEqual("system"u8) => "system",
                var r when r.SequenceEqual("tool"u8) => "tool",
                _ => null,
            };
        }

        if (dom.StringEquals(roleNode, "assistant"u8))
        {
            return "assistant";
        }

        if (dom.StringEquals(roleNode, "user"u8))
        {
            return "user";
        }

        if (dom.StringEquals(roleNode, "system"u8))
        {
            return "system";
        }

        return dom.StringEquals(roleNode, "tool"u8) ? "tool" : null;
    }

    private static void CheckContent(LineDom dom, int m, int content, int index, string role, bool hasToolCalls, ExampleSink sink)
    {
        var cpath = MessagePaths.Content(index);
        if (content == LineDom.None || dom[content].Kind == JsonTokenType.Null)
        {
            if (!(role == "assistant" && hasToolCalls))
            {
                sink.Report(content == LineDom.None ? RuleIds.MissingField : RuleIds.EmptyContent, cpath, content == LineDom.None ? dom[m].Start : dom[content].Start,
                    content == LineDom.None ? "required field 'content' is missing" : "'content' is null (allowed only on assistant messages with tool_calls)");
            }

            return;
        }

        switch (dom[content].Kind)
        {
            case JsonTokenType.String:
                if (dom.IsBlankString(content))
                {
                    if (!(role == "assistant" && hasToolCalls))
                    {
                        sink.Report(RuleIds.EmptyContent, cpath, dom[content].Start, "'content' is empty");
                    }
                }
                else if (sink.WantsText)
                {
                    sink.AddText(dom.GetString(content), role, cpath, dom[content].Start);
                }

                break;
            case JsonTokenType.StartArray:
                CheckParts(dom, content, cpath, role, sink);
                break;
            default:
                sink.Report(RuleIds.WrongType, cpath, dom[content].Start, $"'content' must be a string or an array of content parts, found {KindName(dom[content].Kind)}");
                break;
        }
    }

    private static void CheckParts(LineDom dom, int content, string cpath, string role, ExampleSink sink)
    {
        if (dom[content].ChildCount == 0)
        {
            sink.Report(RuleIds.EmptyContent, cpath, dom[content].Start, "'content' is an empty array");
            return;
        }

        var j = 0;
        for (var p = dom[content].FirstChild; p != LineDom.None; p = dom[p].NextSibling, j++)
        {
            var ppath = $"{cpath}[{j}]";
            if (dom[p].Kind != JsonTokenType.StartObject)
            {
                sink.Report(RuleIds.WrongType, ppath, dom[p].Start, $"a content part must be an object, found {KindName(dom[p].Kind)}");
                continue;
            }

            var type = dom.Property(p, "type"u8);
            if (type == LineDom.None || dom[type].Kind != JsonTokenType.String)
            {
                sink.Report(type == LineDom.None ? RuleIds.MissingField : RuleIds.WrongType, ppath + ".type", type == LineDom.None ? dom[p].Start : dom[type].Start, "a content part needs a string 'type'");
                continue;
            }

            if (dom.StringEquals(type, "text"u8))
            {
                var text = dom.Property(p, "text"u8);
                if (text == LineDom.None || dom[text].Kind != JsonTokenType.String)
                {
                    sink.Report(text == LineDom.None ? RuleIds.MissingField : RuleIds.WrongType, ppath + ".text", text == LineDom.None ? dom[p].Start : dom[text].Start, "a text part needs a string 'text'");
                }
                else if (dom.IsBlankString(text))
                {
                    sink.Report(RuleIds.EmptyContent, ppath + ".text", dom[text].Start, "text part is empty");
                }
                else if (sink.WantsText)
                {
                    sink.AddText(dom.GetString(text), role, ppath + ".text", dom[text].Start);
                }
            }
            else if (dom.StringEquals(type, "image_url"u8))
            {
                var image = dom.Property(p, "image_url"u8);
                if (image == LineDom.None || dom[image].Kind != JsonTokenType.StartObject || dom.Property(image, "url"u8) == LineDom.None)
                {
                    sink.Report(RuleIds.MissingField, ppath + ".image_url.url", dom[p].Start, "an image part needs 'image_url.url'");
                }
                else if (role != "user")
                {
                    sink.Report(RuleIds.MisplacedField, ppath, dom[p].Start, $"image parts are only allowed on user messages, not {role}");
                }
            }
            else if (!dom.StringEquals(type, "input_audio"u8) && !dom.StringEquals(type, "file"u8) && !dom.StringEquals(type, "refusal"u8))
            {
                sink.Report(RuleIds.UnknownField, ppath + ".type", dom[type].Start, $"unknown content part type {Describe(dom.GetString(type))}");
            }
        }
    }

    private void CheckToolCalls(LineDom dom, int toolCalls, string path, string? role, ExampleSink sink)
    {
        var tpath = path + ".tool_calls";
        if (role is not null and not "assistant")
        {
            sink.Report(RuleIds.MisplacedField, tpath, dom[toolCalls].Start, $"'tool_calls' is only allowed on assistant messages, not {role}");
            return;
        }

        if (dom[toolCalls].Kind != JsonTokenType.StartArray)
        {
            sink.Report(RuleIds.WrongType, tpath, dom[toolCalls].Start, $"'tool_calls' must be an array, found {KindName(dom[toolCalls].Kind)}");
            return;
        }

        var k = 0;
        for (var c = dom[toolCalls].FirstChild; c != LineDom.None; c = dom[c].NextSibling, k++)
        {
            var cp = $"{tpath}[{k}]";
            if (dom[c].Kind != JsonTokenType.StartObject)
            {
                sink.Report(RuleIds.WrongType, cp, dom[c].Start, $"a tool call must be an object, found {KindName(dom[c].Kind)}");
                continue;
            }

            var id = RequireString(dom, c, "id"u8, "id", cp, sink);
            if (id != LineDom.None)
            {
                _callIds.Add(dom.GetString(id));
            }

            var fn = dom.Property(c, "function"u8);
            if (fn == LineDom.None || dom[fn].Kind != JsonTokenType.StartObject)
            {
                sink.Report(fn == LineDom.None ? RuleIds.MissingField : RuleIds.WrongType, cp + ".function", fn == LineDom.None ? dom[c].Start : dom[fn].Start, "a tool call needs a 'function' object");
                continue;
            }

            var name = RequireString(dom, fn, "name"u8, "name", cp + ".function", sink);
            var args = RequireString(dom, fn, "arguments"u8, "arguments", cp + ".function", sink);
            if (args != LineDom.None && !ToolArguments.IsJson(dom.GetString(args), out var problem))
            {
                sink.Report(RuleIds.ToolArgumentsNotJson, cp + ".function.arguments", dom[args].Start, $"'arguments' must hold a JSON text (the model learns to write it and the caller parses it): {problem}");
            }

            if (sink.WantsText)
            {
                if (name != LineDom.None)
                {
                    sink.AddText(dom.GetString(name), "assistant", cp + ".function.name", dom[name].Start, TextKind.Metadata);
                }

                if (args != LineDom.None)
                {
                    sink.AddText(dom.GetString(args), "assistant", cp + ".function.arguments", dom[args].Start);
                }
            }
        }
    }

    private static void CheckName(LineDom dom, int name, string path, string role, ExampleSink sink)
    {
        if (name == LineDom.None)
        {
            return;
        }

        if (dom[name].Kind != JsonTokenType.String)
        {
            sink.Report(RuleIds.WrongType, path + ".name", dom[name].Start, $"'name' must be a string, found {KindName(dom[name].Kind)}");
        }
        else if (sink.WantsText)
        {
            // A name is often a person's e-mail address or handle, so it is scanned for PII in every counting mode.
            if (sink.CountChatOverhead)
            {
                sink.OverheadTokens += 1;
            }

            sink.AddText(dom.GetString(name), role, path + ".name", dom[name].Start, TextKind.Name);
        }
    }

    private static void CheckWeight(LineDom dom, int weight, string path, string? role, ExampleSink sink)
    {
        if (weight == LineDom.None)
        {
            return;
        }

        if (role is not null and not "assistant")
        {
            sink.Report(RuleIds.MisplacedField, path + ".weight", dom[weight].Start, $"'weight' is only allowed on assistant messages, not {role}");
        }
        else if (dom[weight].Kind != JsonTokenType.Number || !(dom.RawNumber(weight).SequenceEqual("0"u8) || dom.RawNumber(weight).SequenceEqual("1"u8)))
        {
            sink.Report(RuleIds.WrongType, path + ".weight", dom[weight].Start, "'weight' must be 0 or 1");
        }
    }

    private static int RequireString(LineDom dom, int obj, ReadOnlySpan<byte> utf8Name, string name, string path, ExampleSink sink)
    {
        var node = dom.Property(obj, utf8Name);
        if (node == LineDom.None)
        {
            sink.Report(RuleIds.MissingField, $"{path}.{name}", dom[obj].Start, $"required field '{name}' is missing");
            return LineDom.None;
        }

        if (dom[node].Kind != JsonTokenType.String)
        {
            sink.Report(RuleIds.WrongType, $"{path}.{name}", dom[node].Start, $"'{name}' must be a string, found {KindName(dom[node].Kind)}");
            return LineDom.None;
        }

        return node;
    }
}
