"""The chat format of the CPU profile's model: each message is <|role|> content <|end|>, and a reply starts after
<|assistant|>. The .NET predictor (pipelines/finetune/Steps/ChatFormat.cs) renders prompts the same way."""
from llmops_sft.common import fail


def encode_message(tokenizer, role, content):
    return [tokenizer.special[f"<|{role}|>"]] + tokenizer.encode(content) + [tokenizer.special["<|end|>"]]


def encode_prompt(tokenizer, messages):
    """Ids of the messages followed by the start of the assistant's reply."""
    ids = []
    for message in messages:
        ids += encode_message(tokenizer, message["role"], message["content"])
    return ids + [tokenizer.special["<|assistant|>"]]


def encode_example(tokenizer, messages, max_len):
    """Ids of a whole conversation, and labels only on the final assistant reply and its <|end|> (the prompt is
    masked with -100), truncated to max_len."""
    if messages[-1]["role"] != "assistant":
        fail("the last message of a training conversation must be the assistant's")
    prompt = encode_prompt(tokenizer, messages[:-1])
    reply = tokenizer.encode(messages[-1]["content"]) + [tokenizer.special["<|end|>"]]
    ids = (prompt + reply)[:max_len]
    labels = ([-100] * len(prompt) + reply)[:max_len]
    return ids, labels
