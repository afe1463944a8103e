namespace LlmOps.Containers.Engine.Models;

/// <summary>The two fields of GET /version that negotiation needs.</summary>
internal sealed record VersionResponseSnapshot(string ApiVersion, string EngineVersion);
