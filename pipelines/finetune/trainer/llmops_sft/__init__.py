"""LoRA supervised fine-tuning for the LlmOps FineTune pipeline (fetch, train, evaluate)."""
