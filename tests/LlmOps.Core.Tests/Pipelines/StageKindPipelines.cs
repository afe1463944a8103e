using System.Collections.Concurrent;

namespace LlmOps.Core.Tests.Pipelines;

/// <summary>
/// A stage kind written the way a library writes one, outside the core: a body, a key part resolved once per run,
/// a plan annotation and a CI job requirement, attached by an extension method that returns the kind's own builder.
/// </summary>
public sealed class CountingKind : IStageBody, ICacheKeyContributor, IPlanAnnotation, ICiJobContributor
{
    /// <summary>How often each key was really resolved, across every run of the test process.</summary>
    public static readonly ConcurrentDictionary<string, int> Resolutions = new();

    public CountingKind(string model) => Model = model;

    public string Model { get; }

    public string Greeting { get; set; } = "hello";

    public string Kind => "Counts";

    public string PlanAnnotation => $"counts with {Model}";

    public async ValueTask<CacheKeyParts> CacheKeyPartsAsync(CacheKeyContext context)
    {
        if (context.IsDryRun)
        {
            return CacheKeyParts.Deferred($"{Model} is resolved when the stage runs");
        }

        var resolved = await context.ResolveOnceAsync("model " + Model, _ =>
        {
            Resolutions.AddOrUpdate(Model, 1, (_, n) => n + 1);
            return Task.FromResult("digest-of-" + Model);
        });
        return CacheKeyParts.Of(new KeyValuePair<string, string>("counting:model", resolved), new("counting:greeting", Greeting));
    }

    public void Contribute(CiJobRequirements job)
    {
        job.AddSecret(new CiSecret("COUNTER_TOKEN", "COUNTER_TOKEN"));
        job.AddService(new CiService("counter", "example.org/counter@sha256:" + new string('a', 64), [8080]));
    }

    public Task RunAsync(StageContext context, IStageDeclaration stage)
    {
        var output = stage.ProducedArtifacts.Single();
        File.WriteAllText(Path.Combine(context.OutputDirectory(output), "count.txt"), $"{Greeting} {context.CacheKeyParts["counting:model"]} {stage.ConsumedArtifacts.Count}");
        Trace.Mark(context);
        return Task.CompletedTask;
    }
}

/// <summary>The kind's own fluent surface: <c>.Greeting(..)</c> is offered only after <c>.Counts(..)</c>.</summary>
public sealed class CountingDefinition(IStageDefinition stage, CountingKind kind) : StageKindDefinition(stage)
{
    public CountingDefinition Greeting(string greeting)
    {
        kind.Greeting = greeting;
        return this;
    }
}

public static class CountingStageExtensions
{
    public static CountingDefinition Counts(this IStageDefinition stage, string model)
    {
        var kind = new CountingKind(model);
        stage.With(kind);
        return new CountingDefinition(stage, kind);
    }
}

/// <summary>Two stages of the custom kind on the same model, and one on another.</summary>
public sealed class CountingPipeline : Pipeline
{
    [Parameter("Greeting of the first stage")]
    readonly string Greeting = "hello";

    Artifact<DatasetArtifact> First => new("first-count");
    Artifact<DatasetArtifact> Second => new("second-count");
    Artifact<DatasetArtifact> Third => new("third-count");

    Stage CountA => _ => _.Produces(First).Counts("model-x").Greeting(Greeting);

    Stage CountB => _ => _.Consumes(First).Produces(Second).Counts("model-x");

    Stage CountC => _ => _.Consumes(Second).Produces(Third).Counts("model-y");
}

/// <summary>Two bodies: Executes twice.</summary>
public sealed class TwoExecutesPipeline : Pipeline
{
    Stage Run => _ => _.Executes(Trace.Mark).Executes(ctx => Task.CompletedTask);
}

/// <summary>Two bodies: a stage kind and Executes.</summary>
public sealed class KindAndExecutesPipeline : Pipeline
{
    Artifact<DatasetArtifact> Out => new("out");

    Stage Run => _ => _.Produces(Out).Counts("model-z").Executes(Trace.Mark);
}
