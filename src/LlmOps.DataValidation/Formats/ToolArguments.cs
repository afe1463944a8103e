using System.Text;
using System.Text.Json;

namespace LlmOps.DataValidation.Formats;

/// <summary>Checks that a tool call's <c>function.arguments</c> string is itself JSON, as the API and the caller expect.</summary>
internal static class ToolArguments
{
    /// <summary>True when <paramref name="arguments"/> is one complete JSON value; else <paramref name="problem"/> says why and where.</summary>
    public static bool IsJson(string arguments, out string problem)
    {
        problem = "";
        var bytes = Encoding.UTF8.GetBytes(arguments);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = Json.LineDom.MaxDepth });
        try
        {
            if (!reader.Read())
            {
                problem = "it is empty";
                return false;
            }

            reader.Skip();
            if (reader.Read())
            {
                problem = $"more than one JSON value (byte {reader.TokenStartIndex + 1} of the arguments)";
                return false;
            }

            return true;
        }
        catch (JsonException e)
        {
            // The reader's message names the character and position inside the arguments, never other data.
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            problem = cut > 0 ? message[..cut] : message;
            return false;
        }
    }
}
