namespace LlmOps.Governance.Audit;

/// <summary>The audit trail cannot be appended to or read (damaged, locked too long), said in a sentence.</summary>
public sealed class AuditTrailException(string message) : Exception(message);
