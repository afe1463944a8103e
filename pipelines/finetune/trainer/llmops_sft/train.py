"""LoRA supervised fine-tuning (transformers + peft, the GPU profile) on chat JSONL, with per-step metrics and an eval
loss after each epoch. Under torchrun (--nproc_per_node N) each process trains on its own GPU and share of the
batches, gradients are averaged by DistributedDataParallel, and rank 0 alone writes metrics and the adapter."""
import argparse
import json
import math
import os
import random

from llmops_sft.common import collate, device, encode, fail, mean_loss, metric, read_conversations

TARGET_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-model", required=True)
    parser.add_argument("--train", required=True)
    parser.add_argument("--eval", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--learning-rate", type=float, default=2e-4)
    parser.add_argument("--lora-rank", type=int, default=16)
    parser.add_argument("--lora-alpha", type=int, default=32)
    parser.add_argument("--max-seq-len", type=int, default=1024)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.epochs < 1:
        fail(f"--epochs must be at least 1 (got {args.epochs})")

    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer, get_linear_schedule_with_warmup

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    rank, world = int(os.environ.get("RANK", "0")), int(os.environ.get("WORLD_SIZE", "1"))
    if world > 1:
        torch.distributed.init_process_group("nccl")
        torch.cuda.set_device(int(os.environ["LOCAL_RANK"]))
        dev, dtype = torch.device("cuda", int(os.environ["LOCAL_RANK"])), torch.bfloat16
    else:
        dev, dtype = device()
    tokenizer = AutoTokenizer.from_pretrained(args.base_model)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    model = AutoModelForCausalLM.from_pretrained(args.base_model, torch_dtype=dtype).to(dev)
    model = get_peft_model(model, LoraConfig(r=args.lora_rank, lora_alpha=args.lora_alpha, lora_dropout=0.05, target_modules=TARGET_MODULES, task_type="CAUSAL_LM"))
    unwrapped = model
    if world > 1:
        model = torch.nn.parallel.DistributedDataParallel(model, device_ids=[dev.index])
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    print(f"LoRA r={args.lora_rank} alpha={args.lora_alpha}: {trainable:,} trainable parameters on {dev}")

    train = [encode(tokenizer, m, args.max_seq_len) for m in read_conversations(args.train)]
    evaluation = [encode(tokenizer, m, args.max_seq_len) for m in read_conversations(args.eval)]
    steps_per_epoch = math.ceil(len(train) / (args.batch_size * world))
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.learning_rate, weight_decay=0.0)
    schedule = get_linear_schedule_with_warmup(optimizer, max(1, steps_per_epoch * args.epochs // 10), steps_per_epoch * args.epochs)

    if rank == 0:
        metric("eval_loss", mean_loss(unwrapped, evaluation, pad_id, dev), 0)
    step = 0
    model.train()
    for epoch in range(1, args.epochs + 1):
        order = list(range(len(train)))
        random.shuffle(order)  # the same seed on every rank, so the shares below do not overlap
        order = order[rank::world]
        for start in range(0, len(order), args.batch_size):
            ids, mask, labels = collate([train[i] for i in order[start : start + args.batch_size]], pad_id)
            loss = model(input_ids=ids.to(dev), attention_mask=mask.to(dev), labels=labels.to(dev)).loss
            if not torch.isfinite(loss):
                fail(f"the training loss became {loss.item()} at step {step}; lower --learning-rate")
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            if rank == 0:
                metric("train_loss", loss.item(), step)
        if rank == 0:
            eval_loss = mean_loss(unwrapped, evaluation, pad_id, dev)
            metric("eval_loss", eval_loss, step)
            print(f"epoch {epoch}/{args.epochs}: eval loss {eval_loss:.4f}")

    if rank != 0:
        torch.distributed.destroy_process_group()
        return
    with unwrapped.disable_adapter():
        base_loss = mean_loss(unwrapped, evaluation, pad_id, dev)
    os.makedirs(args.output, exist_ok=True)
    unwrapped.save_pretrained(args.output)
    tokenizer.save_pretrained(args.output)
    with open(os.path.join(args.output, "training.json"), "w", encoding="utf-8") as f:
        json.dump({k: v for k, v in vars(args).items() if k not in ("output",)} | {"steps": step, "final_eval_loss": eval_loss, "processes": world}, f, indent=2)
    # The same report the CPU profile writes, which the gate reads (PerplexityFromReport).
    with open(os.path.join(args.output, "eval.json"), "w", encoding="utf-8") as f:
        json.dump({"eval_loss": eval_loss, "perplexity": math.exp(min(eval_loss, 50)), "base_eval_loss": base_loss, "steps": step}, f, indent=2)
    if world > 1:
        torch.distributed.destroy_process_group()


if __name__ == "__main__":
    main()
