using System.Text.Json.Nodes;
using CsCheck;
using LlmOps.Dsl;
using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;
using LlmOps.Planning;

namespace LlmOps.Emission.Tests;

[Collection(nameof(UserTextPipeline))]
public sealed class ScriptInjectionTests
{
    private const string Injection = "Inj;touch${IFS}pwned;echo${{ github.event.issue.title }}#";

    // Names people might choose, and names an attacker would.
    private static readonly string[] ValidNames = ["Ok", "a-b", "x_1", "True", "on", "null", "Q"];

    private static readonly string[] Names =
    [
        Injection, "$(id)", "`id`", "-rf", "a b", "..", "a.b", "é", "", "a;b", "a|b",
        "a\nb", "${{ x }}", "%24", "a'b", "a\"b", "1abc", "_x", new string('a', 101),
    ];

    private static readonly string[] Pieces =
    [
        "", " ", ";", "$", "$(System.AccessToken)", "${IFS}", "${{ github.token }}", "`id`", "'", "\"", "\\", "#", "\n", "%", "%24", "&", "|", "é🚀", "--",
    ];

    // Mostly valid names, so that most samples get as far as the scripts.
    private static readonly Gen<string> Name = Gen.Frequency(
        (4, Gen.Int[0, ValidNames.Length - 1].Select(i => ValidNames[i])),
        (1, Gen.Int[0, Names.Length - 1].Select(i => Names[i])));

    // Free text carries a marker, so finding it in a script can only mean the text got there.
    private static Gen<string> Marked(string marker) =>
        Gen.Select(Gen.Int[0, Pieces.Length - 1], Gen.Int[0, Pieces.Length - 1], (a, b) => Pieces[a] + marker + Pieces[b]);

    [Fact]
    public void The_pipeline_name_from_the_issue_is_refused_when_the_pipeline_loads()
    {
        HostileTextPipeline.PipelineName = Injection;
        try
        {
            var error = Assert.Throws<DefinitionException>(() => Loaded.Pipelines(typeof(HostileTextPipeline)));
            Assert.Contains("HostileTextPipeline: the pipeline name (Name) 'Inj;touch", error.Message);
            Assert.Contains($"is not valid: use {CiNames.Rule}", error.Message);
        }
        finally
        {
            HostileTextPipeline.PipelineName = "Hostile";
        }
    }

    [Fact]
    public void No_user_controlled_string_ever_appears_in_a_script_body()
    {
        var accepted = 0;
        Gen.Select(Gen.Select(Name, Name, Name, Name), Gen.Select(Marked("DescQz"), Marked("EnvQz"), Marked("DefaultQz"), Marked("LabelQz")))
            .Sample((names, text) =>
            {
                var (pipeline, artifact, group, workflow) = names;
                var (description, environment, defaultText, label) = text;
                HostileTextPipeline.PipelineName = pipeline;
                HostileTextPipeline.ArtifactName = artifact;
                HostileTextPipeline.GroupName = group;
                HostileTextPipeline.WorkflowName = workflow;
                HostileTextPipeline.Description = description;
                HostileTextPipeline.Environment = environment;
                HostileTextPipeline.DefaultText = defaultText;
                HostileTextPipeline.Label = label;
                IReadOnlyList<GeneratedFile> files;
                try
                {
                    files = Loaded.Generate(typeof(HostileTextPipeline));
                }
                catch (Exception e) when (e is EmissionException or DefinitionException)
                {
                    // Refused with a message. The pipeline's and its artifacts' names are refused when it loads, and
                    // only those: the workflow's own names and free text are emission's to judge.
                    Assert.DoesNotContain("   at ", e.Message);
                    var badDefinition = !CiNames.IsValid(pipeline) || !CiNames.IsValid(artifact);
                    Assert.True(badDefinition == e is DefinitionException, $"names ('{pipeline}', '{artifact}') were refused by {e.GetType().Name}: {e.Message}");
                    return;
                }

                accepted++;
                Assert.All([pipeline, artifact, group, workflow], n => Assert.True(CiNames.IsValid(n), $"'{n}' was accepted as a name"));
                foreach (var script in Scripts(files))
                {
                    Assert.DoesNotContain("Qz", script);
                    Assert.All(script.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Matches(ScriptLine, line));
                }
            }, iter: 200, threads: 1);
        Assert.True(accepted > 0, "no sample was accepted, so nothing was checked");
        HostileTextPipeline.PipelineName = "Hostile";
    }

    // Every line a step script may hold: generated loops over validated variable names, the stage's command, and the
    // two fixed lines that mark a restored build program current (build once); none of them has room for other text.
    private const string ScriptLine =
        @"^(for name in [A-Z0-9_ ]+; do .*; done|\./build\.sh [A-Za-z][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_]* --skip --export \.llmops/export|mkdir -p \.nuke/temp|touch \.nuke/temp/build\.stamp)$";

    [Fact]
    public void An_artifact_name_outside_the_rule_is_refused_when_the_pipeline_loads_and_a_workflow_name_when_it_is_emitted()
    {
        HostileTextPipeline.ArtifactName = "a.b";
        try
        {
            Assert.Contains("Hostile.Make: evaluating the definition failed: Artifact name 'a.b' is not valid", Assert.Throws<DefinitionException>(() => Loaded.Pipelines(typeof(HostileTextPipeline))).Message);
        }
        finally
        {
            HostileTextPipeline.ArtifactName = "data";
        }

        HostileTextPipeline.WorkflowName = "-rf";
        try
        {
            Assert.Contains("the workflow name '-rf'", Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(HostileTextPipeline))).Message);
        }
        finally
        {
            HostileTextPipeline.WorkflowName = "hostile";
        }

        HostileTextPipeline.GroupName = "a;b";
        try
        {
            Assert.Contains("the group name 'a;b' cannot be written into a CI script", Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(HostileTextPipeline))).Message);
        }
        finally
        {
            HostileTextPipeline.GroupName = "group";
        }
    }

    [Fact]
    public void A_feature_secret_whose_variable_is_not_an_environment_name_is_refused()
    {
        var error = Assert.Throws<EmissionException>(() => Loaded.Generate(typeof(HostileSecretPipeline)));
        Assert.Contains("stage HostileSecret.Use asks for the secret 'X }}' as 'A;touch pwned'", error.Message);
    }

    private sealed record HostileSecret : LlmOps.Dsl.ICiJobContributor
    {
        public void Contribute(LlmOps.Dsl.CiJobRequirements job) => job.AddSecret(new LlmOps.Dsl.CiSecret("A;touch pwned", "X }}"));
    }

    public sealed class HostileSecretPipeline : LlmOps.Dsl.Pipeline, IHasWorkflows
    {
        public LlmOps.Dsl.Stage Use => _ => _.With(new HostileSecret()).Executes(_ => { });

        public IEnumerable<WorkflowDefinition> Workflows => [GitHubActions.Workflow("secret").OnPush("main").Runs(Use)];
    }

    private static IEnumerable<string> Scripts(IReadOnlyList<GeneratedFile> files) =>
        files.SelectMany(f => YamlText.Descendants(YamlText.Parse(f.Content)))
            .OfType<JsonObject>()
            .SelectMany(o => new[] { o["run"], o["bash"], o["inlineScript"] })
            .OfType<JsonNode>()
            .Select(n => n.GetValue<string>());
}
