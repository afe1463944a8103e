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

    public static string Content(int index) => index < Cached ? Contents[index] : $"messages[{index}].content";
}
