using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace LlmOps.OnnxChat;

/// <summary>
/// The exported model's tokenizer on the .NET side: the byte-level BPE the trainer learnt (vocab.json + merges.txt,
/// GPT-2 style) in Microsoft.ML.Tokenizers' BpeTokenizer with byte-level input and GPT-2's pre-tokenizer pattern, plus
/// the chat markers, which are whole tokens that text never encodes to. (CodeGenTokenizer reads the same files but
/// adds CodeGen's whitespace-run tokens, so runs of spaces would encode differently from the trainer.) Prompts are
/// rendered as the trainer renders them (llmops_sft/chat.py): each message is &lt;|role|&gt; content &lt;|end|&gt;,
/// and the reply follows &lt;|assistant|&gt;.
/// </summary>
public sealed partial class ChatTokenizer
{
    /// <summary>The marker that ends a message; generation stops at it.</summary>
    public const string EndOfMessage = "<|end|>";

    private readonly BpeTokenizer _bpe;
    private readonly IReadOnlyDictionary<string, int> _special;
    private readonly HashSet<int> _specialIds;

    private ChatTokenizer(BpeTokenizer bpe, IReadOnlyDictionary<string, int> special)
    {
        (_bpe, _special) = (bpe, special);
        _specialIds = [.. special.Values];
    }

    /// <summary>The id of <see cref="EndOfMessage"/>.</summary>
    public int EndId => _special[EndOfMessage];

    /// <summary>Loads vocab.json, merges.txt and special_tokens.json from <paramref name="folder"/>.</summary>
    /// <exception cref="ChatModelException">A file is missing or special_tokens.json lacks a chat marker.</exception>
    public static ChatTokenizer Load(string folder)
    {
        var vocab = Existing(folder, "vocab.json");
        var merges = Existing(folder, "merges.txt");
        var specialPath = Existing(folder, "special_tokens.json");
        Dictionary<string, int> special;
        try
        {
            using var specialFile = File.OpenRead(specialPath);
            special = JsonSerializer.Deserialize<Dictionary<string, int>>(specialFile) ?? [];
        }
        catch (JsonException e)
        {
            throw new ChatModelException($"{specialPath}: not a map of token to id ({e.Message.Split(". ")[0]})", e);
        }

        foreach (var marker in ChatMessage.Roles.Select(Marker).Append(EndOfMessage))
        {
            if (!special.ContainsKey(marker))
            {
                throw new ChatModelException($"{specialPath}: the chat marker '{marker}' is missing");
            }
        }

        var options = new BpeOptions(vocab, merges) { ByteLevel = true, PreTokenizer = new RegexPreTokenizer(Gpt2Pieces(), null) };
        return new ChatTokenizer(BpeTokenizer.Create(options), special);
    }

    /// <summary>The ids of plain text (chat markers in it are ordinary text, as on the trainer's side).</summary>
    public IReadOnlyList<int> Encode(string text) => _bpe.EncodeToIds(text);

    /// <summary>The ids of <paramref name="messages"/> followed by the start of the assistant's reply.</summary>
    /// <exception cref="ChatModelException">A role the model was not trained with.</exception>
    public List<int> EncodePrompt(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var ids = new List<int>();
        foreach (var message in messages)
        {
            ids.Add(_special.TryGetValue(Marker(message.Role), out var marker) ? marker : throw new ChatModelException($"the model has no chat marker for the role '{message.Role}'"));
            ids.AddRange(Encode(message.Content));
            ids.Add(EndId);
        }

        ids.Add(_special[Marker("assistant")]);
        return ids;
    }

    /// <summary>The text of generated ids, chat markers left out.</summary>
    public string Decode(IEnumerable<int> ids) => _bpe.Decode(ids.Where(id => !_specialIds.Contains(id)));

    private static string Marker(string role) => $"<|{role}|>";

    private static string Existing(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        return File.Exists(path) ? path : throw new ChatModelException($"the tokenizer file {path} is missing");
    }

    // GPT-2's pre-tokenizer, character for character the pattern of llmops_sft/bpe.py: contractions, letter runs,
    // number runs, other runs, each with at most one leading space, then whitespace.
    [GeneratedRegex(@"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+")]
    private static partial Regex Gpt2Pieces();
}
