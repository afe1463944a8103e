namespace LlmOps.DataValidation;
