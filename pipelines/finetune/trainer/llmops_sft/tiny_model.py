"""The CPU profile's causal transformer (GPT-style, pre-norm, learnt positions, tied embeddings) and a pure-PyTorch
LoRA on its attention projections. Attention is written out (no fused kernels) so torch.onnx.export traces it into
plain MatMul/Softmax ops that ONNX Runtime runs anywhere."""
import json
import math
import os

import torch
from torch import nn

LORA_TARGETS = ("q", "k", "v", "o")


class LoraLinear(nn.Module):
    """y = W x + (alpha / r) B A x, with W frozen, A small random and B zero (so training starts at the base model)."""

    def __init__(self, base, rank, alpha):
        super().__init__()
        self.base = base
        self.scale = alpha / rank
        self.lora_a = nn.Parameter(torch.empty(rank, base.in_features))
        self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))
        nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))

    def forward(self, x):
        return self.base(x) + (x @ self.lora_a.t() @ self.lora_b.t()) * self.scale

    def merged(self):
        """The base layer with the update folded into its weight (what the exported model holds)."""
        with torch.no_grad():
            self.base.weight += (self.lora_b @ self.lora_a) * self.scale
        return self.base


class Block(nn.Module):
    def __init__(self, dim, heads, context):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(dim)
        self.q, self.k, self.v, self.o = (nn.Linear(dim, dim) for _ in range(4))
        self.norm2 = nn.LayerNorm(dim)
        self.up = nn.Linear(dim, 4 * dim)
        self.down = nn.Linear(4 * dim, dim)
        self.register_buffer("causal", torch.tril(torch.ones(context, context, dtype=torch.bool)), persistent=False)

    def forward(self, x):
        b, t, d = x.shape
        h = self.norm1(x)
        q, k, v = (proj(h).view(b, t, self.heads, d // self.heads).transpose(1, 2) for proj in (self.q, self.k, self.v))
        scores = (q @ k.transpose(-2, -1)) / math.sqrt(d // self.heads)
        scores = scores.masked_fill(~self.causal[:t, :t], float("-inf"))
        attended = (torch.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(b, t, d)
        x = x + self.o(attended)
        return x + self.down(torch.nn.functional.gelu(self.up(self.norm2(x))))


class TinyGpt(nn.Module):
    def __init__(self, vocab_size, dim, layers, heads, context):
        super().__init__()
        self.config = {"vocab_size": vocab_size, "dim": dim, "layers": layers, "heads": heads, "context": context}
        self.embed = nn.Embedding(vocab_size, dim)
        self.position = nn.Embedding(context, dim)
        self.blocks = nn.ModuleList(Block(dim, heads, context) for _ in range(layers))
        self.norm = nn.LayerNorm(dim)
        self.apply(self._init)

    @staticmethod
    def _init(module):
        if isinstance(module, (nn.Linear, nn.Embedding)):
            nn.init.normal_(module.weight, std=0.02)
        if isinstance(module, nn.Linear) and module.bias is not None:
            nn.init.zeros_(module.bias)

    def forward(self, input_ids):
        positions = torch.arange(input_ids.shape[1], device=input_ids.device)
        x = self.embed(input_ids) + self.position(positions)
        for block in self.blocks:
            x = block(x)
        return self.norm(x) @ self.embed.weight.t()

    def parameter_count(self):
        return sum(p.numel() for p in self.parameters())

    def add_lora(self, rank, alpha):
        """Freezes the model and wraps every attention projection in a LoRA layer; returns the trainable parameters."""
        for p in self.parameters():
            p.requires_grad_(False)
        for block in self.blocks:
            for name in LORA_TARGETS:
                setattr(block, name, LoraLinear(getattr(block, name), rank, alpha))
        return [p for n, p in self.named_parameters() if "lora_" in n]

    def lora_state(self):
        return {n: p.detach().clone() for n, p in self.named_parameters() if "lora_" in n}

    def merge_lora(self):
        for block in self.blocks:
            for name in LORA_TARGETS:
                layer = getattr(block, name)
                if isinstance(layer, LoraLinear):
                    setattr(block, name, layer.merged())

    def save(self, folder):
        os.makedirs(folder, exist_ok=True)
        torch.save(self.state_dict(), os.path.join(folder, "model.pt"))
        with open(os.path.join(folder, "config.json"), "w", encoding="utf-8") as f:
            json.dump(self.config, f, indent=2)

    @staticmethod
    def load(folder):
        with open(os.path.join(folder, "config.json"), encoding="utf-8") as f:
            config = json.load(f)
        model = TinyGpt(**config)
        model.load_state_dict(torch.load(os.path.join(folder, "model.pt"), map_location="cpu"))
        return model


def masked_loss(logits, labels):
    """Mean next-token cross-entropy over the positions whose label is not -100."""
    return torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)), labels[:, 1:].reshape(-1), ignore_index=-100)
