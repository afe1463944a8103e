using System.Text;
using System.Text.Json;

namespace LlmOps.Bench.DataValidation;

/// <summary>
/// Seeded chat JSONL: system/user/assistant conversations of 1-4 turns from a word list, with tool calls, content
/// parts, about 1% exact duplicates and a sprinkle of PII, so every check has real work. Same seed, same bytes.
/// </summary>
internal static class ChatGenerator
{
    private static readonly string[] Words = ("the a to of and in is it you that for on with as this be are at by not or have from my " +
        "order refund invoice account password shipping delivery package subscription plan billing support error crash " +
        "update device router laptop screen login email phone card payment charge cancel renew upgrade download install " +
        "configure network wireless battery charger warranty return replace broken missing late tracking address region " +
        "price discount coupon monthly annual customer agent please thanks help question answer problem issue resolve " +
        "quickly today yesterday week month again still never always sometimes because however therefore meanwhile").Split(' ');

    public static void Write(string path, long targetBytes, int seed = 20261202)
    {
        var random = new Random(seed);
        var temp = path + ".tmp";
        using (var writer = new StreamWriter(temp, false, new UTF8Encoding(false), 1 << 20))
        {
            var recent = new List<string>();
            long written = 0;
            for (var i = 0; written < targetBytes; i++)
            {
                string line;
                if (recent.Count > 0 && random.NextDouble() < 0.01)
                {
                    line = recent[random.Next(recent.Count)];
                }
                else
                {
                    line = Example(random, i);
                    if (recent.Count < 1000)
                    {
                        recent.Add(line);
                    }
                    else
                    {
                        recent[random.Next(recent.Count)] = line;
                    }
                }

                writer.Write(line);
                writer.Write('\n');
                written += Encoding.UTF8.GetByteCount(line) + 1;
            }
        }

        File.Move(temp, path, overwrite: true);
    }

    private static string Example(Random random, int index)
    {
        var messages = new List<object> { new { role = "system", content = "You are a helpful support assistant for an online store." } };
        var turns = random.Next(1, 5);
        for (var t = 0; t < turns; t++)
        {
            var user = Sentence(random, 8, 60);
            if (random.NextDouble() < 0.002)
            {
                user += $" my email is user{index}@example.com";
            }

            messages.Add(random.NextDouble() < 0.05
                ? new { role = "user", content = (object)new object[] { new { type = "text", text = user } } }
                : new { role = "user", content = (object)user });
            if (t == turns - 1 && random.NextDouble() < 0.05)
            {
                messages.Add(new { role = "assistant", content = (string?)null, tool_calls = new[] { new { id = $"call_{index}", type = "function", function = new { name = "lookup_order", arguments = $"{{\"order\":{index}}}" } } } });
                messages.Add(new { role = "tool", tool_call_id = $"call_{index}", content = "{\"status\":\"shipped\"}" });
            }

            messages.Add(new { role = "assistant", content = Sentence(random, 15, 120) });
        }

        return JsonSerializer.Serialize(new { messages });
    }

    private static string Sentence(Random random, int min, int max)
    {
        var n = random.Next(min, max);
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            sb.Append(Words[random.Next(Words.Length)]);
        }

        return sb.Append('.').ToString();
    }
}
