namespace LlmOps.DataValidation;

/// <summary>
/// tiktoken's pre-tokenization patterns, character for character as Microsoft.ML.Tokenizers 2.0 compiles them (a test
/// compares them with the library's, so an upgrade that changes one fails loudly instead of miscounting).
/// </summary>
internal static class TiktokenPatterns
{
    public const string O200kBase =
        @"[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?" +
        @"|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?" +
        @"|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    public const string Cl100kBase =
        @"'(?i:[sdmt]|ll|ve|re)|(?>[^\r\n\p{L}\p{N}]?)(?>\p{L}+)|(?>\p{N}{1,3})| ?(?>[^\s\p{L}\p{N}]+)(?>[\r\n]*)" +
        @"|(?>\s+)$|\s*[\r\n]|\s+(?!\S)|\s";
}
