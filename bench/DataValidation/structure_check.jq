# jq peer of the structure-only validation: counts lines that break the chat format rules.
def badmsg:
  (type != "object")
  or ((keys - ["role","content","name","weight","tool_calls","tool_call_id","function_call","refusal"]) | length > 0)
  or ((.role | IN("system","user","assistant","tool")) | not)
  or (if (.content | type) == "string" then ((.content | test("^\\s*$")) and (.tool_calls == null))
      elif (.content | type) == "array" then any(.content[]; (type != "object") or ((.type | type) != "string"))
      elif .content == null then (.role != "assistant" or .tool_calls == null)
      else true end)
  or (.role == "tool" and ((.tool_call_id | type) != "string"))
  or (.weight != null and (.role != "assistant" or ((.weight | IN(0, 1)) | not)));
reduce inputs as $e ([0, 0];
  [.[0] + 1,
   .[1] + (if ($e | type) != "object"
              or (($e | keys - ["messages","tools","parallel_tool_calls","functions"]) | length > 0)
              or (($e.messages | type) != "array") or ($e.messages | length == 0)
              or any($e.messages[]; badmsg)
              or ($e.messages[-1].role != "assistant")
           then 1 else 0 end)])
| "\(.[0]) \(.[1])"
