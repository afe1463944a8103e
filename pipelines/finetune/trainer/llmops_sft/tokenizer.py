"""Trains the CPU profile's byte-level BPE on the pretraining corpus (train, the default), or encodes strings with a
trained one (encode: a JSON list of strings in, a JSON list of id lists out), which the .NET parity test calls."""
import argparse
import json
import sys

from llmops_sft import corpus
from llmops_sft.bpe import ByteLevelBpe
from llmops_sft.common import fail, metric, read_conversations


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", nargs="?", choices=["train", "encode"], default="train")
    parser.add_argument("--train", help="training conversations (chat JSONL)")
    parser.add_argument("--vocab-size", type=int, default=768)
    parser.add_argument("--output", help="folder for vocab.json, merges.txt, special_tokens.json")
    parser.add_argument("--tokenizer", help="a trained tokenizer's folder (encode)")
    parser.add_argument("--strings", help="a JSON list of strings (encode)")
    args = parser.parse_args()
    if args.mode == "encode":
        if not args.tokenizer or not args.strings:
            fail("encode needs --tokenizer and --strings", 2)
        bpe = ByteLevelBpe.load(args.tokenizer)
        with open(args.strings, encoding="utf-8") as f:
            strings = json.load(f)
        json.dump([bpe.encode(s) for s in strings], sys.stdout)
        return
    if not args.train or not args.output:
        fail("train needs --train and --output", 2)
    if args.vocab_size < 256 + 5 + 1:
        fail(f"--vocab-size must be above 261 (256 bytes, 5 chat markers and at least one merge); got {args.vocab_size}", 2)
    docs = corpus.documents(read_conversations(args.train))
    bpe = ByteLevelBpe.train(docs, args.vocab_size)
    bpe.save(args.output)
    tokens = sum(len(bpe.encode(d)) for d in docs)
    chars = sum(len(d) for d in docs)
    metric("tokenizer_vocab_size", len(bpe.vocab))
    metric("tokenizer_chars_per_token", chars / max(tokens, 1))
    print(f"byte-level BPE: {len(bpe.vocab)} tokens ({len(bpe.merges)} merges) from {len(docs)} documents, {chars / max(tokens, 1):.2f} characters per token")


if __name__ == "__main__":
    main()
