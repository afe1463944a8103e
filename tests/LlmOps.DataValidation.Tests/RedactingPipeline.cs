using LlmOps.Dsl;

namespace LlmOps.DataValidation.Tests;

/// <summary>A pipeline that makes a split holding private keys and writes its redacted copy with <c>WritesRedactedCopy</c>.</summary>
public sealed class RedactingPipeline : Pipeline
{
    Artifact<DatasetArtifact> Conversations => new("conversations");

    Artifact<DatasetArtifact> RedactedConversations => new("redacted-conversations");

    Stage Make => _ => _
        .Produces(Conversations)
        .Executes(ctx => File.WriteAllLines(ctx.Output(Conversations).File("chats.jsonl"), PrivateKeys.Lines()));

    Stage Validate => _ => _
        .Validates(Conversations)
        .Format(DatasetFormat.ChatJsonl)
        .Rules(r => r.NoPii(PiiKind.All, Severity.Warning))
        .WritesRedactedCopy(RedactedConversations);
}
