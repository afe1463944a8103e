namespace LlmOps.Containers;
