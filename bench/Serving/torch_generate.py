"""The PyTorch side of bench/Serving: the FineTune model (base + LoRA adapter, merged as the export merges it) answers
the eval prompts greedily in the trainer image, with the algorithm the ONNX export serves (the whole sequence
recomputed per token, no KV cache), and prints the token count and the seconds spent generating as JSON."""
import argparse
import json
import os
import time

import torch

from llmops_sft.bpe import ByteLevelBpe
from llmops_sft.chat import encode_prompt
from llmops_sft.common import read_conversations
from llmops_sft.tiny_model import TinyGpt


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-model", required=True)
    parser.add_argument("--adapter", required=True)
    parser.add_argument("--tokenizer", required=True)
    parser.add_argument("--eval", required=True)
    parser.add_argument("--max-tokens", type=int, required=True)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(max(1, len(os.sched_getaffinity(0))))
    bpe = ByteLevelBpe.load(args.tokenizer)
    with open(os.path.join(args.tokenizer, "special_tokens.json"), encoding="utf-8") as f:
        end = json.load(f)["<|end|>"]
    model = TinyGpt.load(args.base_model)
    with open(os.path.join(args.adapter, "adapter_config.json"), encoding="utf-8") as f:
        adapter = json.load(f)
    model.add_lora(adapter["rank"], adapter["alpha"])
    model.load_state_dict(torch.load(os.path.join(args.adapter, "adapter.pt")), strict=False)
    model.merge_lora()
    model.eval()

    prompts = [encode_prompt(bpe, messages[:-1]) for messages in read_conversations(args.eval)]
    with torch.no_grad():
        model(torch.tensor([prompts[0]]))  # warm-up, as the server's warm-up request
        tokens, started = 0, time.perf_counter()
        for _ in range(args.rounds):
            for prompt in prompts:
                ids = list(prompt)
                for _ in range(args.max_tokens):
                    nxt = int(model(torch.tensor([ids]))[0, -1].argmax())
                    if nxt == end:
                        break
                    ids.append(nxt)
                    tokens += 1
        seconds = time.perf_counter() - started
    print(json.dumps({"prompts": len(prompts) * args.rounds, "tokens": tokens, "seconds": seconds, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
