"""Shared pieces: the metrics file of the LlmOps container contract, chat data loading and tokenization."""
import json
import os
import sys

METRICS_FILE = os.environ.get("LLMOPS_METRICS_FILE", "/llmops/outputs/metrics.jsonl")


def metric(name, value, step=None):
    """Appends one metric point; the executor shows it as progress while the container runs."""
    point = {"name": name, "value": float(value)}
    if step is not None:
        point["step"] = int(step)
    with open(METRICS_FILE, "a", encoding="utf-8") as f:
        f.write(json.dumps(point) + "\n")


def use_all_cores():
    """Debian's PyTorch starts with one OpenMP thread whatever the machine has; the container's cores are all ours."""
    import torch

    torch.set_num_threads(max(1, len(os.sched_getaffinity(0))))


def fail(message, code=1):
    print(f"llmops_sft: {message}", file=sys.stderr)
    sys.exit(code)


def read_conversations(path):
    conversations = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                messages = json.loads(line)["messages"]
            except (ValueError, KeyError) as e:
                fail(f"{path}:{number}: not a chat example ({e})")
            if not messages or messages[-1]["role"] != "assistant":
                fail(f"{path}:{number}: the last message must be the assistant's")
            conversations.append(messages)
    return conversations


def encode(tokenizer, messages, max_len):
    """Token ids of the whole conversation; labels only on the final assistant turn (the prompt is masked)."""
    prompt = tokenizer.apply_chat_template(messages[:-1], tokenize=True, add_generation_prompt=True)
    full = tokenizer.apply_chat_template(messages, tokenize=True)
    full = full[:max_len]
    labels = [-100] * min(len(prompt), len(full)) + full[len(prompt):]
    return {"input_ids": full, "labels": labels[: len(full)]}


def collate(batch, pad_id):
    import torch

    width = max(len(x["input_ids"]) for x in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), width), -100, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for i, x in enumerate(batch):
        n = len(x["input_ids"])
        ids[i, :n] = torch.tensor(x["input_ids"])
        labels[i, :n] = torch.tensor(x["labels"])
        mask[i, :n] = 1
    return ids, mask, labels


def device():
    import torch

    if torch.cuda.is_available():
        return torch.device("cuda:0"), torch.bfloat16
    print("llmops_sft: WARNING no CUDA device visible, running on CPU (smoke run only)", flush=True)
    return torch.device("cpu"), torch.float32


def mean_loss(model, examples, pad_id, dev, batch_size=4):
    """Token-weighted mean cross-entropy over the labelled (assistant) tokens."""
    import torch

    model.eval()
    total, tokens = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(examples), batch_size):
            ids, mask, labels = collate(examples[start : start + batch_size], pad_id)
            ids, mask, labels = ids.to(dev), mask.to(dev), labels.to(dev)
            logits = model(input_ids=ids, attention_mask=mask).logits[:, :-1].float()
            target = labels[:, 1:]
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), target.reshape(-1), ignore_index=-100, reduction="sum")
            total += loss.item()
            tokens += int((target != -100).sum().item())
    model.train()
    return total / max(tokens, 1)
