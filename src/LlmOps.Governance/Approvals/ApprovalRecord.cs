namespace LlmOps.Governance;

/// <summary>Who approved deploying to an environment, when, how and why; part of the signed governance record.</summary>
/// <param name="Environment">The environment that requires approval.</param>
/// <param name="Approver">The CI actor whose run the environment's reviewers let through, or the local user.</param>
/// <param name="When">When the approval was recorded (UTC).</param>
/// <param name="Source"><c>github</c>, <c>azure</c>, <c>argo</c> or <c>local</c>.</param>
/// <param name="Reason">The reason given with <c>--approve</c>, or what gated the CI job.</param>
/// <param name="Link">The CI run whose environment approval holds the reviewers' names, or null locally.</param>
public sealed record ApprovalRecord(string Environment, string Approver, DateTimeOffset When, string Source, string Reason, string? Link);
