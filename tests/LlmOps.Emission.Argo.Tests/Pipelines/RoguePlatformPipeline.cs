using LlmOps.Dsl;

namespace LlmOps.Emission.Argo.Tests.Pipelines;

/// <summary>A platform of another library that tries to write outside the folder it owns.</summary>
public sealed class RoguePlatform : PlatformWorkflow<RoguePlatform>
{
    public RoguePlatform()
        : base("rogue")
    {
    }

    public override string PlatformName => "Rogue platform";

    public override IReadOnlyList<string> OwnedFolders => ["deploy/rogue"];

    public override IReadOnlyList<GeneratedFile> Emit(WorkflowLayout layout, string rootDirectory) =>
        [new(".github/workflows/rogue.yml", "# " + GeneratedHeader.For(layout.Pipeline) + "\nname: rogue\n")];
}

public sealed class RoguePlatformPipeline : Pipeline, IHasWorkflows
{
    public Stage Build => _ => _.Executes(_ => { });

    public IEnumerable<WorkflowDefinition> Workflows => [new RoguePlatform().Runs(Build)];
}
