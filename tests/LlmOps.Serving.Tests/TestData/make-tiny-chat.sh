#!/usr/bin/env bash
# Remakes tiny-chat/: the FineTune trainer's CPU path (tokenizer, pretraining, LoRA SFT, ONNX export) shrunk to a
# model of a few ten thousand parameters, so the serving tests load a real export in milliseconds without Docker.
# Usage: make-tiny-chat.sh <trainer image> (built from pipelines/finetune/trainer/Dockerfile)
set -euo pipefail
image=${1:?usage: make-tiny-chat.sh <trainer image>}
here=$(cd "$(dirname "$0")" && pwd)
data=$(cd "$here/../../../pipelines/finetune/data" && pwd)
work=$(mktemp -d)
chmod 777 "$work"
trap 'rm -rf "$work"' EXIT
docker run --rm --network none -e LLMOPS_METRICS_FILE=/work/metrics.jsonl -v "$data:/data:ro" -v "$work:/work" "$image" sh -c '
  set -e
  python3 -m llmops_sft.tokenizer train --train /data/train.jsonl --vocab-size 300 --output /work/tokenizer
  python3 -m llmops_sft.pretrain --train /data/train.jsonl --tokenizer /work/tokenizer --output /work/base --steps 40 --dim 32 --layers 1 --heads 2 --context 128 --window 64 --seed 7
  python3 -m llmops_sft.sft --tokenizer /work/tokenizer --base-model /work/base --train /data/train.jsonl --eval /data/eval.jsonl --output /work/adapter --epochs 1 --lora-rank 2 --lora-alpha 4 --max-seq-len 128 --seed 7
  python3 -m llmops_sft.export --base-model /work/base --adapter /work/adapter --tokenizer /work/tokenizer --eval /data/eval.jsonl --output /work/onnx'
rm -rf "$here/tiny-chat"
mkdir -p "$here/tiny-chat"
cp "$work"/onnx/{model.onnx,vocab.json,merges.txt,special_tokens.json,config.json} "$here/tiny-chat/"
ls -la "$here/tiny-chat"
