using LlmOps.Cli.Plans;

namespace LlmOps.Core.Tests.PlanDiffs;

/// <summary>Small hand-made plan snapshots: a support-like pipeline Validate -> Train -> Evaluate, varied per test.</summary>
internal static class Snapshots
{
    public static StageSnapshot Stage(string id, string code, IReadOnlyList<string>? dependsOn = null, IReadOnlyList<string>? annotations = null, IReadOnlyDictionary<string, string>? key = null, IReadOnlyList<string>? produces = null, string description = "")
    {
        var parts = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["stage"] = id, ["code"] = code };
        foreach (var (name, value) in key ?? new Dictionary<string, string>())
        {
            parts[name] = value;
        }

        return new StageSnapshot(id, description, dependsOn ?? [], [], [], produces ?? [], [], annotations ?? [], parts, null, null);
    }

    public static PlanSnapshot Support(
        string minAccuracy = "0.85",
        string trainCode = "stage:train1",
        string image = "container ghcr.io/acme/trainer@sha256:aaa, 1 GPU",
        string rules = "min-accuracy:AtLeast(accuracy,0.85,0.95)",
        string trainName = "Train",
        string jobText = "  train:\n    runs-on: ubuntu-latest\n")
    {
        var train = $"Support.{trainName}";
        var stages = new[]
        {
            Stage("Support.Validate", "stage:validate1", produces: ["splits (dataset)"], key: new Dictionary<string, string> { ["input:data/intents.jsonl"] = "h1" }),
            Stage(train, trainCode, ["Support.Validate"], [image], new Dictionary<string, string> { ["artifact:splits"] = "from Support.Validate", ["param:epochs"] = "3", ["container spec"] = image }, ["model (model)"], "Train the classifier"),
            Stage("Support.Evaluate", "stage:evaluate1", [train], ["gate on splits: 1 rule(s) over accuracy"], new Dictionary<string, string> { ["artifact:model"] = $"from {train}", ["param:min-accuracy"] = minAccuracy, ["evaluation:rules"] = rules }),
        };
        var parameters = new[]
        {
            new ParameterSnapshot("epochs", "int", "3", false, "passes"),
            new ParameterSnapshot("min-accuracy", "double", minAccuracy, false, "the gate"),
        };
        return new PlanSnapshot(
            PlanSnapshot.CurrentFormat,
            [new PipelineSnapshot("Support", "Acme.SupportPipeline", parameters, stages)],
            [new WorkflowSnapshot(".github/workflows/support.yml", new Dictionary<string, string> { ["(workflow)"] = "on: push\n", ["train"] = jobText })],
            []);
    }
}
