namespace LlmOps.Cli.Plans;

/// <summary>A stage's wiring and placement in phrases: what an added stage is, and what changed in one that stayed.</summary>
internal static class StageDetails
{
    /// <summary>What an added or removed stage declares.</summary>
    public static List<string> Of(StageSnapshot stage)
    {
        var details = new List<string>();
        Add(details, "depends on", stage.DependsOn);
        Add(details, "consumes", stage.Consumes);
        Add(details, "produces", stage.Produces);
        details.AddRange(stage.Annotations);
        return details;
    }

    /// <summary>What differs between the base's and the change's definition of a stage (names of other stages compared as given).</summary>
    public static List<string> Between(StageSnapshot before, StageSnapshot after)
    {
        var details = new[]
        {
            Sets.Describe("depends on", before.DependsOn, after.DependsOn),
            Sets.Describe("triggers", before.Triggers, after.Triggers),
            Sets.Describe("consumes", before.Consumes, after.Consumes),
            Sets.Describe("produces", before.Produces, after.Produces),
            Sets.Describe("inputs", before.Inputs, after.Inputs),
        }.OfType<string>().ToList();
        var oldAnnotations = before.Annotations.Except(after.Annotations).ToList();
        var newAnnotations = after.Annotations.Except(before.Annotations).ToList();
        if (oldAnnotations.Count == 1 && newAnnotations.Count == 1)
        {
            details.Add($"{oldAnnotations[0]} → {newAnnotations[0]}");
        }
        else
        {
            details.AddRange(oldAnnotations.Select(a => "no longer: " + a));
            details.AddRange(newAnnotations.Select(a => "now: " + a));
        }

        if (before.NotCached != after.NotCached)
        {
            details.Add(after.NotCached is null ? "now cached" : $"no longer cached ({after.NotCached})");
        }

        if (before.Description != after.Description)
        {
            details.Add("description changed");
        }

        return details;
    }

    private static void Add(List<string> details, string label, IReadOnlyList<string> items)
    {
        if (items.Count > 0)
        {
            details.Add($"{label} {string.Join(", ", items)}");
        }
    }
}
