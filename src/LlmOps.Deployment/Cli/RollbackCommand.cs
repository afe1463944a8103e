using LlmOps.Cli;

namespace LlmOps.Deployment;

/// <summary>
/// <c>./build.sh Rollback [--to &lt;version&gt;] [--deployment &lt;name&gt;]</c>: restores the version before the active
/// one (or the one named) on the deployment's target, checks it serves, and tells the deployment's observers (the
/// registry alias moves back, the audit trail records it). The target is the pipeline's, with the parameters given.
/// </summary>
public sealed class RollbackCommand : ICliCommand
{
    /// <inheritdoc />
    public string Name => "Rollback";

    /// <inheritdoc />
    public string Description => "Restore the previous deployed version (or --to <version>) on the deployment's target and move its alias back";

    /// <inheritdoc />
    public async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var deployments = context.Pipelines
            .SelectMany(p => p.Stages.Select(s => (Stage: s, Feature: s.Definition.Declaration.Feature<DeploymentFeature>())))
            .Where(d => d.Feature is not null)
            .ToList();
        var wanted = context.CommandLine.Get("deployment");
        var matching = deployments.Where(d => wanted is null || d.Feature!.Name == wanted).ToList();
        if (matching.Count != 1)
        {
            var known = string.Join(", ", deployments.Select(d => $"{d.Feature!.Name} ({d.Stage.Id})"));
            await context.Error.WriteLineAsync(matching.Count == 0
                ? $"Rollback: no deployment{(wanted is null ? "" : $" named '{wanted}'")} in the pipelines (known: {(known.Length == 0 ? "none" : known)})"
                : $"Rollback: several deployments, name one with --deployment <name>: {known}").ConfigureAwait(false);
            return 2;
        }

        var feature = matching[0].Feature!;
        var target = feature.Target!;
        var to = context.CommandLine.Get("to");
        try
        {
            var outcome = await target.RollbackAsync(new RollbackRequest(feature.Name, to, context.RootDirectory, context.Output.WriteLine), cancellationToken).ConfigureAwait(false);
            await DeploymentRun.Notify(feature, new DeploymentNotice(null, context.RootDirectory, outcome, null, context.Output.WriteLine), cancellationToken).ConfigureAwait(false);
            await context.Output.WriteLineAsync($"Rolled back {feature.Name} on {target.Describe()}: {outcome.Serving} serves (was {outcome.Previous ?? "none"}).").ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is DeploymentException or LlmOps.Dsl.StageFailedException)
        {
            await context.Error.WriteLineAsync($"Rollback of {feature.Name} failed: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
