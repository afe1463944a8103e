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
        var batches = File.ReadLines(path).Chunk(2048);
        Parallel.ForEach(batches, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, batch =>
        {
            long local = 0;
            foreach (var line in batch)
            {
                var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(line));
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

            Interlocked.Add(ref lines, batch.Length);
            Interlocked.Add(ref tokens, local);
        });
        return (lines, tokens);
    }
}
