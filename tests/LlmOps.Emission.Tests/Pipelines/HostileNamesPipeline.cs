using LlmOps.Dsl;

namespace LlmOps.Emission.Tests.Pipelines;

/// <summary>
/// Names that are valid but that YAML 1.1 readers take for booleans or null (a pipeline, stages, an artifact, a
/// group, runner labels and workflow files named <c>True</c>, <c>on</c>, <c>null</c>, <c>yes</c>), beside free text
/// that shells and CI expression languages act on (a parameter default, descriptions, an environment). Its files must
/// pass every validator and mean exactly what was written.
/// </summary>
public sealed class HostileNamesPipeline : Pipeline, IHasWorkflows
{
    public const string HostileText = "Inj;touch${IFS}pwned;echo${{ github.event.issue.title }}# " + ShellText;

    // Where no expression may appear at all (input descriptions and defaults), the shell's specials still may.
    public const string ShellText = "$(System.AccessToken) `id` $((1+1)) \"q\" 'q' %24 ~";

    public override string Name => "Null";

    [Parameter("Free text: " + ShellText)]
    public string Greeting { get; set; } = "$(System.AccessToken) ${IFS}; `touch pwned` $((1+1)) \"q\" 'q' # %24";

    [Parameter("A flag whose input is named on", Name = "on")]
    public bool Flag { get; set; } = true;

    [Parameter("A token"), Secret]
    public string Token { get; set; } = "";

    public Artifact<DatasetArtifact> Data => new("yes");

    public Stage True => _ => _.Description(HostileText).Produces(Data).Executes(ctx => ctx.Log($"{Greeting} {Flag}"));

    public Stage @null => _ => _.Description(HostileText).DependsOn(True).Consumes(Data).Executes(ctx => ctx.Log(Token));

    public Stage on => _ => _.DependsOn(@null).Consumes(Data).DeploysTo("production " + HostileText, branches: ["main", "release/*"]).Executes(_ => { });

    public Stage off => _ => _.DependsOn(True).Executes(_ => { });

    public IEnumerable<WorkflowDefinition> Workflows =>
    [
        GitHubActions.Workflow("on").OnPush("main").OnPullRequest().OnManualDispatch()
            .RunsOn(off, GitHubRunner.SelfHosted("yes", "on", "null")).Group("No", @null).Runs(on, off),
        AzurePipelines.Pipeline("True").OnPush("main").OnPullRequest().OnManualDispatch()
            .RunsOn(off, AzurePool.SelfHosted("yes")).Group("No", @null).Runs(on, off),
    ];
}
