namespace LlmOps.Tracking;
