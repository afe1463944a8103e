"""Eval loss and perplexity of a LoRA adapter on held-out chat examples, written as eval.json."""
import argparse
import json
import math
import os

from llmops_sft.common import device, encode, mean_loss, metric, read_conversations


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-model", required=True)
    parser.add_argument("--adapter", required=True)
    parser.add_argument("--eval", required=True)
    parser.add_argument("--max-seq-len", type=int, default=1024)
    parser.add_argument("--output", required=True)
    args = parser.parse_args()

    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    dev, dtype = device()
    tokenizer = AutoTokenizer.from_pretrained(args.adapter)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    base = AutoModelForCausalLM.from_pretrained(args.base_model, torch_dtype=dtype).to(dev)
    examples = [encode(tokenizer, m, args.max_seq_len) for m in read_conversations(args.eval)]
    base_loss = mean_loss(base, examples, pad_id, dev)
    model = PeftModel.from_pretrained(base, args.adapter).to(dev)
    eval_loss = mean_loss(model, examples, pad_id, dev)

    report = {"eval_loss": eval_loss, "perplexity": math.exp(min(eval_loss, 50)), "base_eval_loss": base_loss, "examples": len(examples)}
    for name in ("eval_loss", "perplexity", "base_eval_loss"):
        metric(name, report[name])
    os.makedirs(args.output, exist_ok=True)
    with open(os.path.join(args.output, "eval.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2)
    print(f"eval loss {eval_loss:.4f} (base model {base_loss:.4f}), perplexity {report['perplexity']:.2f} on {len(examples)} examples")


if __name__ == "__main__":
    main()
