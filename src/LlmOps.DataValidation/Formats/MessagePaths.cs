namespace LlmOps.DataValidation.Formats;

/// <summary>
/// Field paths of the first messages, made once: the checker needs them on every message of every line, and
/// building them per line was a measurable share of structure-only validation.
/// </summary>
internal static class MessagePaths
{
    private const int Cached = 256;
    private static readonly string[] Messages = Enumerable.Range(0, Cached).Select(i => $"messages[{i}]").ToArray();
    private static readonly string[] Contents = Messages.Select(m => m + ".content").ToArray();

    public static string Message(int index) => index < Cached ? Messages[index] : $"messages[{index}]";

    public static string Content(string messagePath)
    {
        // Parse the index back out of "messages[i]"; cheaper than allocating the concatenation on every message.
        var open = messagePath.IndexOf('[', StringComparison.Ordinal);
        if (open == 8 && int.TryParse(messagePath.AsSpan(9, messagePath.Length - 10), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) && i < Cached)
        {
            return Contents[i];
        }

        return messagePath + ".content";
    }
}
