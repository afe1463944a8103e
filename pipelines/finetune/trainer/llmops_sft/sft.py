"""LoRA SFT of the CPU profile's base model on the chat data, pure PyTorch: the base frozen, LoRA on the attention
projections, loss on the assistant replies only. Writes the adapter (adapter.pt + adapter_config.json), eval.json
(eval loss, perplexity, and the base model's eval loss for comparison) and loss curves to the metrics file."""
import argparse
import json
import math
import os
import random
import time

from llmops_sft.bpe import ByteLevelBpe
from llmops_sft.chat import encode_example
from llmops_sft.common import fail, metric, read_conversations, use_all_cores


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-model", required=True)
    parser.add_argument("--tokenizer", required=True)
    parser.add_argument("--train", required=True)
    parser.add_argument("--eval", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--learning-rate", type=float, default=2e-3)
    parser.add_argument("--lora-rank", type=int, default=8)
    parser.add_argument("--lora-alpha", type=int, default=16)
    parser.add_argument("--max-seq-len", type=int, default=256)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.epochs < 1 or args.lora_rank < 1:
        fail(f"--epochs and --lora-rank must be at least 1 (got {args.epochs}, {args.lora_rank})", 2)

    import torch

    use_all_cores()
    from llmops_sft.tiny_model import TinyGpt, masked_loss

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    bpe = ByteLevelBpe.load(args.tokenizer)
    model = TinyGpt.load(args.base_model)
    max_len = min(args.max_seq_len, model.config["context"])
    train = [encode_example(bpe, m, max_len) for m in read_conversations(args.train)]
    evaluation = [encode_example(bpe, m, max_len) for m in read_conversations(args.eval)]

    def collate(examples):
        width = max(len(ids) for ids, _ in examples)
        ids = torch.full((len(examples), width), bpe.special["<|endoftext|>"], dtype=torch.long)
        labels = torch.full((len(examples), width), -100, dtype=torch.long)
        for i, (x, y) in enumerate(examples):
            ids[i, : len(x)] = torch.tensor(x)
            labels[i, : len(y)] = torch.tensor(y)
        return ids, labels

    def eval_loss():
        """Token-weighted mean loss over the eval replies."""
        model.eval()
        total, tokens = 0.0, 0
        with torch.no_grad():
            for ids, labels in (collate([e]) for e in evaluation):
                count = int((labels[:, 1:] != -100).sum())
                total += masked_loss(model(ids), labels).item() * count
                tokens += count
        model.train()
        return total / max(tokens, 1)

    base_loss = eval_loss()
    trainable = model.add_lora(args.lora_rank, args.lora_alpha)
    print(f"LoRA r={args.lora_rank} alpha={args.lora_alpha}: {sum(p.numel() for p in trainable):,} trainable of {model.parameter_count():,} parameters; "
          f"{len(train)} train, {len(evaluation)} eval conversations; base eval loss {base_loss:.3f}", flush=True)
    optimizer = torch.optim.AdamW(trainable, lr=args.learning_rate, weight_decay=0.0)
    metric("eval_loss", base_loss, 0)
    started = time.monotonic()
    step = 0
    loss = None
    for epoch in range(1, args.epochs + 1):
        order = list(range(len(train)))
        random.shuffle(order)
        for start in range(0, len(order), args.batch_size):
            ids, labels = collate([train[i] for i in order[start : start + args.batch_size]])
            loss = masked_loss(model(ids), labels)
            if not torch.isfinite(loss):
                fail(f"the training loss became {loss.item()} at step {step}; lower --learning-rate")
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            metric("train_loss", loss.item(), step)
        current = eval_loss()
        metric("eval_loss", current, step)
        print(f"epoch {epoch}/{args.epochs}: train loss {loss.item():.3f}, eval loss {current:.3f} ({time.monotonic() - started:.0f} s)", flush=True)

    os.makedirs(args.output, exist_ok=True)
    torch.save(model.lora_state(), os.path.join(args.output, "adapter.pt"))
    with open(os.path.join(args.output, "adapter_config.json"), "w", encoding="utf-8") as f:
        json.dump({"rank": args.lora_rank, "alpha": args.lora_alpha, "targets": ["q", "k", "v", "o"]}, f, indent=2)
    report = {"eval_loss": current, "perplexity": math.exp(min(current, 50)), "base_eval_loss": base_loss,
              "train_loss": loss.item(), "steps": step, "examples": len(evaluation), "seconds": round(time.monotonic() - started, 1), "cpu_seconds": round(time.process_time(), 1)}
    with open(os.path.join(args.output, "eval.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=2)
    print(f"eval loss {current:.3f} (base model {base_loss:.3f}), perplexity {report['perplexity']:.1f}", flush=True)


if __name__ == "__main__":
    main()
