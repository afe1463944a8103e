#!/bin/sh
# Test trainer: counts the words of the consumed artifact and writes the produced artifact and a metric.
set -e
echo "greeting: $1"
echo "token: ${API_TOKEN:-none}"
if [ "$1" = "fail" ]; then echo "about to fail" >&2; exit 3; fi
if touch /llmops/inputs/words/probe 2>/dev/null; then echo "input is WRITABLE"; else echo "input is read-only"; fi
mkdir -p /llmops/outputs/counted
n=$(wc -w < /llmops/inputs/words/words.txt)
echo "$n" > /llmops/outputs/counted/count.txt
echo "{\"name\": \"words\", \"value\": $n, \"step\": 1}" >> /llmops/outputs/metrics.jsonl
echo "counted $n words"
