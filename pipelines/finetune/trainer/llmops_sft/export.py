"""Exports the CPU profile's model with its LoRA adapter merged to ONNX (input_ids [batch, sequence] -> logits
[batch, sequence, vocab], both axes dynamic), with the tokenizer files beside it and expected.json: for a few eval
prompts, PyTorch's ids, next-token argmax and top logits, which the .NET side checks ONNX Runtime against."""
import argparse
import json
import os
import shutil

from llmops_sft.bpe import ByteLevelBpe
from llmops_sft.chat import encode_prompt
from llmops_sft.common import fail, read_conversations, use_all_cores

# 17 is the newest opset torch 1.13 (Debian bookworm) writes, has LayerNormalization, and ONNX Runtime 1.31 loads it (tested).
OPSET = 17


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-model", required=True)
    parser.add_argument("--adapter", required=True)
    parser.add_argument("--tokenizer", required=True)
    parser.add_argument("--eval", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--prompts", type=int, default=4)
    parser.add_argument("--greedy-tokens", type=int, default=8)
    args = parser.parse_args()

    import torch

    use_all_cores()
    from llmops_sft.tiny_model import TinyGpt

    bpe = ByteLevelBpe.load(args.tokenizer)
    model = TinyGpt.load(args.base_model)
    with open(os.path.join(args.adapter, "adapter_config.json"), encoding="utf-8") as f:
        adapter = json.load(f)
    model.add_lora(adapter["rank"], adapter["alpha"])
    missing = set(model.lora_state()) - set(torch.load(os.path.join(args.adapter, "adapter.pt")))
    if missing:
        fail(f"the adapter lacks {len(missing)} LoRA tensors of this model (e.g. {sorted(missing)[0]}); was it trained on another base?")
    model.load_state_dict(torch.load(os.path.join(args.adapter, "adapter.pt")), strict=False)
    model.merge_lora()
    model.eval()

    os.makedirs(args.output, exist_ok=True)
    path = os.path.join(args.output, "model.onnx")
    example = torch.tensor([encode_prompt(bpe, [{"role": "user", "content": "Hello"}])], dtype=torch.long)
    with torch.no_grad():
        torch.onnx.export(model, (example,), path, input_names=["input_ids"], output_names=["logits"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "logits": {0: "batch", 1: "sequence"}},
                          opset_version=OPSET, do_constant_folding=True)
    for name in ("vocab.json", "merges.txt", "special_tokens.json"):
        shutil.copyfile(os.path.join(args.tokenizer, name), os.path.join(args.output, name))
    with open(os.path.join(args.output, "config.json"), "w", encoding="utf-8") as f:
        json.dump(model.config | {"opset": OPSET, "eos": "<|end|>", "chat_format": "<|role|>content<|end|> ... <|assistant|>"}, f, indent=2)

    expected = []
    with torch.no_grad():
        for messages in read_conversations(args.eval)[: args.prompts]:
            ids = encode_prompt(bpe, messages[:-1])
            logits = model(torch.tensor([ids]))[0, -1]
            top = torch.topk(logits, 5)
            greedy = list(ids)
            for _ in range(args.greedy_tokens):
                greedy.append(int(model(torch.tensor([greedy]))[0, -1].argmax()))
            expected.append({"messages": messages[:-1], "input_ids": ids, "argmax": int(logits.argmax()),
                             "top_ids": top.indices.tolist(), "top_logits": top.values.tolist(), "greedy_ids": greedy[len(ids):]})
    with open(os.path.join(args.output, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
    print(f"exported {model.parameter_count():,} parameters (LoRA r={adapter['rank']} merged) to model.onnx, opset {OPSET}, {os.path.getsize(path):,} bytes", flush=True)


if __name__ == "__main__":
    main()
