"""A GPT-2 style byte-level BPE: trained on a corpus, saved as vocab.json + merges.txt, which the .NET side loads
with Microsoft.ML.Tokenizers (CodeGenTokenizer). Encoding follows GPT-2 exactly (the same pre-tokenizer pattern, the
same byte-to-character table, lowest-rank merge first), so both sides give the same ids; a test compares them."""
import json
import os

import regex

# GPT-2's pre-tokenizer: contractions, letter runs, number runs, other runs, each with at most one leading space.
PATTERN = regex.compile(r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+""")

# The chat markers are whole tokens with ids after the learnt vocabulary; text never encodes to them.
SPECIAL_TOKENS = ["<|endoftext|>", "<|system|>", "<|user|>", "<|assistant|>", "<|end|>"]


def bytes_to_unicode():
    """GPT-2's reversible byte -> printable character table (so merges.txt never holds a space or a control byte)."""
    printable = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    codes = printable[:]
    extra = 0
    for b in range(256):
        if b not in printable:
            printable.append(b)
            codes.append(256 + extra)
            extra += 1
    return {b: chr(c) for b, c in zip(printable, codes)}


BYTE_TO_CHAR = bytes_to_unicode()


def pieces(text):
    """The pre-tokenized pieces of text, each as byte characters."""
    return ["".join(BYTE_TO_CHAR[b] for b in piece.encode("utf-8")) for piece in PATTERN.findall(text)]


class ByteLevelBpe:
    def __init__(self, vocab, merges):
        self.vocab = vocab
        self.merges = merges
        self.ranks = {pair: rank for rank, pair in enumerate(merges)}
        self.special = {token: vocab[token] for token in SPECIAL_TOKENS}
        self.cache = {}

    @staticmethod
    def train(texts, vocab_size):
        """Learns merges until the vocabulary (256 bytes + merges + special tokens) has vocab_size entries.
        Ties between equally frequent pairs go to the smaller pair, so the result depends on the corpus only."""
        words = {}
        for text in texts:
            for piece in pieces(text):
                words[piece] = words.get(piece, 0) + 1
        symbols = {word: tuple(word) for word in words}
        vocab = {BYTE_TO_CHAR[b]: b for b in range(256)}
        merges = []
        target = vocab_size - len(SPECIAL_TOKENS)
        while len(vocab) < target:
            counts = {}
            for word, count in words.items():
                parts = symbols[word]
                for pair in zip(parts, parts[1:]):
                    counts[pair] = counts.get(pair, 0) + count
            if not counts:
                break
            best = min(counts, key=lambda pair: (-counts[pair], pair))
            if counts[best] < 2:
                break
            merges.append(best)
            joined = best[0] + best[1]
            if joined not in vocab:
                vocab[joined] = len(vocab)
            for word, parts in symbols.items():
                if best[0] in parts:
                    symbols[word] = merge(parts, best)
        for token in SPECIAL_TOKENS:
            vocab[token] = len(vocab)
        return ByteLevelBpe(vocab, merges)

    def save(self, folder):
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "vocab.json"), "w", encoding="utf-8") as f:
            json.dump(self.vocab, f, ensure_ascii=False)
        with open(os.path.join(folder, "merges.txt"), "w", encoding="utf-8") as f:
            f.write("#version: 0.2\n")
            for a, b in self.merges:
                f.write(f"{a} {b}\n")
        with open(os.path.join(folder, "special_tokens.json"), "w", encoding="utf-8") as f:
            json.dump(self.special, f, indent=2)

    @staticmethod
    def load(folder):
        with open(os.path.join(folder, "vocab.json"), encoding="utf-8") as f:
            vocab = json.load(f)
        with open(os.path.join(folder, "merges.txt"), encoding="utf-8") as f:
            merges = [tuple(line.rstrip("\n").split(" ")) for line in f if line.strip() and not line.startswith("#version")]
        return ByteLevelBpe(vocab, merges)

    def encode(self, text):
        """Ids of plain text (special-token strings in it are ordinary text)."""
        ids = []
        for piece in pieces(text):
            ids.extend(self.vocab[token] for token in self.bpe(piece))
        return ids

    def decode(self, ids):
        inverse = {i: t for t, i in self.vocab.items()}
        char_to_byte = {c: b for b, c in BYTE_TO_CHAR.items()}
        out = bytearray()
        for i in ids:
            token = inverse[i]
            if token in self.special:
                out.extend(token.encode("utf-8"))
            else:
                out.extend(char_to_byte[c] for c in token)
        return out.decode("utf-8", errors="replace")

    def bpe(self, piece):
        if piece in self.cache:
            return self.cache[piece]
        parts = tuple(piece)
        while len(parts) > 1:
            pair = min(zip(parts, parts[1:]), key=lambda p: self.ranks.get(p, float("inf")))
            if pair not in self.ranks:
                break
            parts = merge(parts, pair)
        self.cache[piece] = parts
        return parts


def merge(parts, pair):
    """parts with every adjacent occurrence of pair (left to right) joined."""
    out = []
    i = 0
    while i < len(parts):
        if i + 1 < len(parts) and parts[i] == pair[0] and parts[i + 1] == pair[1]:
            out.append(parts[i] + parts[i + 1])
            i += 2
        else:
            out.append(parts[i])
            i += 1
    return tuple(out)
