using System.Text;
using System.Text.Json;

namespace LlmOps.DataValidation.Json;

/// <summary>
/// A flat, reusable index of one JSON line built with Utf8JsonReader. Unlike JsonDocument it keeps every
/// token's byte offset (so findings get a column) and never materialises strings unless asked, which keeps
/// structure-only validation allocation-free per line.
/// </summary>
internal sealed class LineDom
{
    internal const int None = -1;

    /// <summary>
    /// The deepest nesting a line may have. Python's json reads about 1,000 levels before its recursion limit; training
    /// data never needs more than a few, so a deeper line is reported as too deep rather than read.
    /// </summary>
    internal const int MaxDepth = 256;

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = MaxDepth + 1 };

    private Node[] _nodes = new Node[256];
    private int[] _stack = new int[64];
    private int[] _lastChild = new int[64];
    private byte[] _buffer = [];
    private int _offset;
    private int _length;

    public int Count { get; private set; }

    public ReadOnlySpan<byte> Line => _buffer.AsSpan(_offset, _length);

    public ref readonly Node this[int index] => ref _nodes[index];

    /// <summary>Set when the last <see cref="TryParse"/> failed because the line nests deeper than <see cref="MaxDepth"/>.</summary>
    public bool TooDeep { get; private set; }

    /// <summary>The node of the first string or property name holding a lone surrogate escape, or <see cref="None"/>.</summary>
    public int LoneSurrogate { get; private set; }

    /// <summary>Whether <see cref="LoneSurrogate"/> is in the node's property name rather than its value.</summary>
    public bool LoneSurrogateInName { get; private set; }

    /// <summary>Parses the line; on a syntax error returns false with the reader's message and byte position.</summary>
    public bool TryParse(byte[] buffer, int offset, int length, out string? error, out long errorPosition)
    {
        _buffer = buffer;
        _offset = offset;
        _length = length;
        Count = 0;
        TooDeep = false;
        LoneSurrogate = None;
        error = null;
        errorPosition = 0;
        var depth = 0;
        int nameStart = 0, nameLength = 0;
        var nameEscaped = false;
        var hasName = false;
        var reader = new Utf8JsonReader(Line, ReaderOptions);
        try
        {
            while (reader.Read())
            {
                var type = reader.TokenType;
                if (type == JsonTokenType.PropertyName)
                {
                    nameStart = (int)reader.TokenStartIndex + 1;
                    nameLength = reader.ValueSpan.Length;
                    nameEscaped = reader.ValueIsEscaped;
                    hasName = true;
                    continue;
                }

                if (type is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    depth--;
                    continue;
                }

                var idx = Add();
                ref var n = ref _nodes[idx];
                n.Kind = type;
                n.Start = (int)reader.TokenStartIndex;
                n.ValueLength = type is JsonTokenType.StartObject or JsonTokenType.StartArray ? 0 : reader.ValueSpan.Length;
                n.Escaped = type == JsonTokenType.String && reader.ValueIsEscaped;
                n.FirstChild = None;
                n.NextSibling = None;
                n.ChildCount = 0;
                n.NameStart = hasName ? nameStart : -1;
                n.NameLength = hasName ? nameLength : 0;
                n.NameEscaped = hasName && nameEscaped;
                hasName = false;
                if ((n.Escaped || n.NameEscaped) && LoneSurrogate == None)
                {
                    NoteLoneSurrogate(idx);
                }

                if (depth > 0)
                {
                    var parent = _stack[depth - 1];
                    _nodes[parent].ChildCount++;
                    var last = _lastChild[depth - 1];
                    if (last == None)
                    {
                        _nodes[parent].FirstChild = idx;
                    }
                    else
                    {
                        _nodes[last].NextSibling = idx;
                    }

                    _lastChild[depth - 1] = idx;
                }

                if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    if (depth == _stack.Length)
                    {
                        Array.Resize(ref _stack, depth * 2);
                        Array.Resize(ref _lastChild, depth * 2);
                    }

                    _stack[depth] = idx;
                    _lastChild[depth] = None;
                    depth++;
                    if (depth > MaxDepth)
                    {
                        TooDeep = true;
                        error = $"the line nests arrays and objects more than {MaxDepth} levels deep";
                        errorPosition = n.Start;
                        return false;
                    }
                }
            }

            if (Count == 0)
            {
                error = "the line holds no JSON value";
                return false;
            }

            return true;
        }
        catch (JsonException ex)
        {
            error = CleanMessage(ex.Message);
            errorPosition = ex.BytePositionInLine ?? reader.BytesConsumed;
            return false;
        }
    }

    /// <summary>
    /// The first property whose name an earlier property of the same object already has, or <see cref="None"/>.
    /// Readers disagree about such lines: Python and JavaScript keep the last value, a lookup here finds the first.
    /// </summary>
    public int FindDuplicateName()
    {
        HashSet<string>? seen = null;
        for (var obj = 0; obj < Count; obj++)
        {
            ref readonly var o = ref _nodes[obj];
            if (o.Kind != JsonTokenType.StartObject || o.ChildCount < 2)
            {
                continue;
            }

            if (o.ChildCount > 32)
            {
                // Pairwise comparison is quadratic; a large object pays for strings instead.
                (seen ??= new HashSet<string>(StringComparer.Ordinal)).Clear();
                for (var c = o.FirstChild; c != None; c = _nodes[c].NextSibling)
                {
                    if (!seen.Add(GetName(c)))
                    {
                        return c;
                    }
                }

                continue;
            }

            for (var c = _nodes[o.FirstChild].NextSibling; c != None; c = _nodes[c].NextSibling)
            {
                for (var e = o.FirstChild; e != c; e = _nodes[e].NextSibling)
                {
                    if (SameName(e, c))
                    {
                        return c;
                    }
                }
            }
        }

        return None;
    }

    private bool SameName(int a, int b)
    {
        ref readonly var x = ref _nodes[a];
        ref readonly var y = ref _nodes[b];
        if (!x.NameEscaped && !y.NameEscaped)
        {
            return x.NameLength == y.NameLength && Line.Slice(x.NameStart, x.NameLength).SequenceEqual(Line.Slice(y.NameStart, y.NameLength));
        }

        return string.Equals(GetName(a), GetName(b), StringComparison.Ordinal);
    }

    private void NoteLoneSurrogate(int idx)
    {
        ref readonly var n = ref _nodes[idx];
        if (n.NameEscaped && JsonEscapes.FindLoneSurrogate(Line.Slice(n.NameStart, n.NameLength)) >= 0)
        {
            LoneSurrogate = idx;
            LoneSurrogateInName = true;
        }
        else if (n.Escaped && JsonEscapes.FindLoneSurrogate(Line.Slice(n.Start + 1, n.ValueLength)) >= 0)
        {
            LoneSurrogate = idx;
            LoneSurrogateInName = false;
        }
    }

    /// <summary>Finds a property of an object node by UTF-8 name; returns <see cref="None"/> if absent.</summary>
    public int Property(int obj, ReadOnlySpan<byte> name)
    {
        for (var c = _nodes[obj].FirstChild; c != None; c = _nodes[c].NextSibling)
        {
            if (NameEquals(c, name))
            {
                return c;
            }
        }

        return None;
    }

    public bool NameEquals(int node, ReadOnlySpan<byte> name)
    {
        ref readonly var n = ref _nodes[node];
        if (!n.NameEscaped)
        {
            return Line.Slice(n.NameStart, n.NameLength).SequenceEqual(name);
        }

        return string.Equals(GetName(node), Encoding.UTF8.GetString(name), StringComparison.Ordinal);
    }

    /// <summary>Compares a property name with an ASCII name without allocating (escaped names take the slow path).</summary>
    public bool NameEqualsAscii(int node, string ascii)
    {
        ref readonly var n = ref _nodes[node];
        if (n.NameEscaped)
        {
            return string.Equals(GetName(node), ascii, StringComparison.Ordinal);
        }

        var raw = Line.Slice(n.NameStart, n.NameLength);
        if (raw.Length != ascii.Length)
        {
            return false;
        }

        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != ascii[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A property name as UTF-8 without allocating: the raw bytes when unescaped, else the unescaped name encoded
    /// again (rare), so callers can classify names with one comparison per known name length.
    /// </summary>
    public ReadOnlySpan<byte> NameUtf8(int node)
    {
        ref readonly var n = ref _nodes[node];
        return n.NameEscaped ? Encoding.UTF8.GetBytes(GetName(node)) : Line.Slice(n.NameStart, n.NameLength);
    }

    public string GetName(int node)
    {
        ref readonly var n = ref _nodes[node];
        return n.NameEscaped ? Unescape(n.NameStart - 1, n.NameLength) : Encoding.UTF8.GetString(Line.Slice(n.NameStart, n.NameLength));
    }

    public string GetString(int node)
    {
        ref readonly var n = ref _nodes[node];
        return n.Escaped ? Unescape(n.Start, n.ValueLength) : Encoding.UTF8.GetString(Line.Slice(n.Start + 1, n.ValueLength));
    }

    /// <summary>The bytes between a string's quotes, escapes left as they are.</summary>
    public ReadOnlySpan<byte> RawString(int node) => Line.Slice(_nodes[node].Start + 1, _nodes[node].ValueLength);

    public bool StringEquals(int node, ReadOnlySpan<byte> value)
    {
        ref readonly var n = ref _nodes[node];
        return n.Escaped
            ? string.Equals(GetString(node), Encoding.UTF8.GetString(value), StringComparison.Ordinal)
            : Line.Slice(n.Start + 1, n.ValueLength).SequenceEqual(value);
    }

    /// <summary>True for "" and strings of only whitespace, without allocating for the common unescaped case.</summary>
    public bool IsBlankString(int node)
    {
        ref readonly var n = ref _nodes[node];
        if (n.Escaped)
        {
            return string.IsNullOrWhiteSpace(GetString(node));
        }

        var raw = Line.Slice(n.Start + 1, n.ValueLength);
        foreach (var b in raw)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return b >= 0x80 && string.IsNullOrWhiteSpace(Encoding.UTF8.GetString(raw));
            }
        }

        return true;
    }

    public ReadOnlySpan<byte> RawNumber(int node) => Line.Slice(_nodes[node].Start, _nodes[node].ValueLength);

    /// <summary>The raw JSON text of a node (used to token-count tool definitions).</summary>
    public string RawText(int node)
    {
        ref readonly var n = ref _nodes[node];
        var end = EndOf(node);
        return Encoding.UTF8.GetString(Line[n.Start..end]);
    }

    private int EndOf(int node)
    {
        ref readonly var n = ref _nodes[node];
        if (n.Kind is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return n.Start + n.ValueLength + (n.Kind == JsonTokenType.String ? 2 : 0);
        }

        var reader = new Utf8JsonReader(Line[n.Start..], ReaderOptions);
        reader.Read();
        reader.Skip();
        return n.Start + (int)reader.BytesConsumed;
    }

    private string Unescape(int quoteStart, int rawLength)
    {
        var quoted = Line.Slice(quoteStart, rawLength + 2);
        if (JsonEscapes.FindLoneSurrogate(quoted[1..^1]) >= 0)
        {
            // U+FFFD in place of each lone surrogate: what tiktoken counts, and a string System.Text.Json can make.
            quoted = JsonEscapes.ReplaceLoneSurrogates(quoted);
        }

        var reader = new Utf8JsonReader(quoted);
        reader.Read();
        return reader.GetString() ?? string.Empty;
    }

    private int Add()
    {
        if (Count == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }

        return Count++;
    }

    private static string CleanMessage(string message)
    {
        // The reader appends "LineNumber: 0 | BytePositionInLine: n." which is meaningless per line; we report our own position.
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    internal struct Node
    {
        public JsonTokenType Kind;
        public int Start;
        public int ValueLength;
        public bool Escaped;
        public int NameStart;
        public int NameLength;
        public bool NameEscaped;
        public int FirstChild;
        public int NextSibling;
        public int ChildCount;
    }
}
