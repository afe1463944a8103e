using System.Text.Json;
using LlmOps.DataValidation;

namespace LlmOps.Bench.DataValidation;

/// <summary>
/// The peer for full validation: the least work that yields the same token counts (read lines, pull out each
/// message's role and content strings, count tokens), spread over the same number of cores.
/// </summary>
internal static class TokenizeOnly
{
    public static (long Lines, long Tokens) Run(string path, Tokenizer tokenizer, int parallelism)
    {
        long lines = 0, tokens = 0;
        using var stream = File.OpenRead(path);

        // The validator's own byte-level line splitter, so the peer pays no UTF-16 decoding of whole lines.
        var batches = new LlmOps.DataValidation.Validation.LineReader(stream, 8 << 20).Batches();
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, batch =>
        {
            long local = 0;
            foreach (var line in batch.Lines)
            {
                var reader = new Utf8JsonReader(batch.Buffer.AsSpan(line.Offset, line.Length));
                var wanted = false;
                while (reader.Read())
                {
                    if (reader.TokenType == JsonTokenType.PropertyName)
                    {
                        wanted = reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("role"u8) || reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("arguments"u8) || reader.ValueTextEquals("name"u8);
                    }
                    else if (reader.TokenType == JsonTokenType.String && wanted)
                    {
                        local += tokenizer.CountTokens(reader.GetString()!);
                        wanted = false;
                    }
                    else if (reader.TokenType != JsonTokenType.StartArray && reader.TokenType != JsonTokenType.StartObject)
                    {
                        wanted = false;
                    }
                }
            }

            Interlocked.Add(ref lines, batch.Lines.Count);
            batch.Return();
            Interlocked.Add(ref tokens, local);
        });
        return (lines, tokens);
    }
}
