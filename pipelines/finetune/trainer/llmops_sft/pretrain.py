"""Pretrains the CPU profile's base model: a small causal transformer on the generated corpus, seeded, next-token
loss on random windows, validation loss on held-out windows. Writes model.pt + config.json, and loss curves to the
metrics file."""
import argparse
import json
import os
import random
import time

from llmops_sft import corpus
from llmops_sft.bpe import ByteLevelBpe
from llmops_sft.common import fail, metric, read_conversations, use_all_cores


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--tokenizer", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--dim", type=int, default=128)
    parser.add_argument("--layers", type=int, default=4)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--context", type=int, default=256)
    parser.add_argument("--window", type=int, default=128)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--learning-rate", type=float, default=3e-3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.steps < 1 or args.dim % args.heads != 0 or args.window > args.context:
        fail(f"need --steps >= 1, --dim divisible by --heads, --window <= --context (got {args.steps}, {args.dim}/{args.heads}, {args.window}/{args.context})", 2)

    import torch

    use_all_cores()
    from llmops_sft.tiny_model import TinyGpt

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    bpe = ByteLevelBpe.load(args.tokenizer)
    eot = bpe.special["<|endoftext|>"]
    stream = []
    for doc in corpus.documents(read_conversations(args.train)):
        stream += bpe.encode(doc) + [eot]
    data = torch.tensor(stream, dtype=torch.long)
    split = int(len(data) * 0.95)
    train, held_out = data[:split], data[split:]
    if len(held_out) <= args.window + 1:
        fail(f"the corpus ({len(data)} tokens) is too small for windows of {args.window}", 2)

    model = TinyGpt(len(bpe.vocab), args.dim, args.layers, args.heads, args.context)
    print(f"pretraining {model.parameter_count():,} parameters on {len(train):,} tokens, {args.steps} steps of {args.batch_size}x{args.window}, {torch.get_num_threads()} threads", flush=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=args.learning_rate, total_steps=args.steps, pct_start=0.1)

    def batch(source, generator):
        starts = torch.randint(0, len(source) - args.window - 1, (args.batch_size,), generator=generator)
        return torch.stack([source[s : s + args.window] for s in starts])

    def validation_loss():
        model.eval()
        with torch.no_grad():
            generator = torch.Generator().manual_seed(args.seed + 1)
            losses = [torch.nn.functional.cross_entropy(model(x)[:, :-1].reshape(-1, model.config["vocab_size"]), x[:, 1:].reshape(-1)).item()
                      for x in (batch(held_out, generator) for _ in range(4))]
        model.train()
        return sum(losses) / len(losses)

    generator = torch.Generator().manual_seed(args.seed)
    started = time.monotonic()
    for step in range(1, args.steps + 1):
        x = batch(train, generator)
        logits = model(x)
        loss = torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)), x[:, 1:].reshape(-1))
        if not torch.isfinite(loss):
            fail(f"the pretraining loss became {loss.item()} at step {step}; lower --learning-rate")
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad(set_to_none=True)
        if step % 10 == 0 or step == args.steps:
            metric("pretrain_loss", loss.item(), step)
        if step % 50 == 0 or step == args.steps:
            print(f"step {step}/{args.steps} loss {loss.item():.3f} ({time.monotonic() - started:.0f} s)", flush=True)
    val = validation_loss()
    metric("pretrain_val_loss", val, args.steps)
    model.save(args.output)
    with open(os.path.join(args.output, "pretrain.json"), "w", encoding="utf-8") as f:
        json.dump({"parameters": model.parameter_count(), "tokens": len(train), "steps": args.steps, "val_loss": val,
                   "seconds": round(time.monotonic() - started, 1), "cpu_seconds": round(time.process_time(), 1)}, f, indent=2)
    print(f"validation loss {val:.3f}; {model.parameter_count():,} parameters saved", flush=True)


if __name__ == "__main__":
    main()
