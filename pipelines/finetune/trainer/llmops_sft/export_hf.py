"""The GPU profile's export: the Hugging Face base model with its peft adapter merged, to ONNX (input_ids [batch,
sequence] -> logits, both axes dynamic, no KV cache), with the tokenizer files beside it and PyTorch's answers to a
few eval prompts in expected.json, as llmops_sft.export writes them for the CPU profile."""
import argparse
import json
import os

from llmops_sft.common import read_conversations

OPSET = 17


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base-model", required=True)
    parser.add_argument("--adapter", required=True)
    parser.add_argument("--eval", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--prompts", type=int, default=4)
    args = parser.parse_args()

    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(args.adapter)
    base = AutoModelForCausalLM.from_pretrained(args.base_model, torch_dtype=torch.float32)
    model = PeftModel.from_pretrained(base, args.adapter).merge_and_unload().eval()
    model.config.use_cache = False

    class LogitsOnly(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids):
            return self.inner(input_ids=input_ids, use_cache=False).logits

    os.makedirs(args.output, exist_ok=True)
    example = torch.tensor([tokenizer.apply_chat_template([{"role": "user", "content": "Hello"}], add_generation_prompt=True)])
    with torch.no_grad():
        torch.onnx.export(LogitsOnly(model), (example,), os.path.join(args.output, "model.onnx"), input_names=["input_ids"], output_names=["logits"],
                          dynamic_axes={"input_ids": {0: "batch", 1: "sequence"}, "logits": {0: "batch", 1: "sequence"}}, opset_version=OPSET)
    tokenizer.save_pretrained(args.output)
    expected = []
    with torch.no_grad():
        for messages in read_conversations(args.eval)[: args.prompts]:
            ids = tokenizer.apply_chat_template(messages[:-1], add_generation_prompt=True)
            logits = model(input_ids=torch.tensor([ids])).logits[0, -1]
            top = torch.topk(logits, 5)
            expected.append({"messages": messages[:-1], "input_ids": ids, "argmax": int(logits.argmax()), "top_ids": top.indices.tolist(), "top_logits": top.values.tolist()})
    with open(os.path.join(args.output, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=2, ensure_ascii=False)
    print(f"exported the merged model to {args.output}/model.onnx (opset {OPSET})", flush=True)


if __name__ == "__main__":
    main()
