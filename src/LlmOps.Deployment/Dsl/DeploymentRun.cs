using System.Text;
using LlmOps.Dsl;
using LlmOps.Runtime;

namespace LlmOps.Deployment;

/// <summary>The deployment stage's body: deploy, record, tell the observers, and fail with the target's reason.</summary>
internal static class DeploymentRun
{
    public static async Task RunAsync(StageContext context, DeploymentFeature feature)
    {
        var target = feature.Target ?? throw new StageFailedException("no deployment target: add .To(...)");
        DeployablePackage package;
        try
        {
            package = DeployablePackage.Open(context.InputDirectory(feature.Package));
        }
        catch (DeploymentException e)
        {
            throw new StageFailedException(e.Message);
        }

        if (CiEnvironment.IsCi(RunVariables.Of(context).Read) && !target.IsDurable)
        {
            // The runner's disk and engine go with the job: "deploying" there would report a deployment nobody can reach.
            var why = $"No durable deployment target is configured: {target.Describe()} would not outlive this CI job, so {package.Name} {package.Version} was not deployed. " +
                "Point DOCKER_HOST at a Docker host that outlives the job (a variable of the CI environment), or deploy from a machine that keeps the target.";
            context.Log("::warning::" + why);
            context.Summary($"### Deployment skipped\n\n{why}\n");
            if (feature.Record is { } skipped)
            {
                DeploymentJson.Write(Path.Combine(context.OutputDirectory(skipped), DeploymentFeature.RecordFile), new DeploymentOutcome(
                    feature.Name, target.Describe(), "deploy", "not-deployed", package.Version, null, null, why, null, DateTimeOffset.UtcNow, []));
            }

            return;
        }

        var request = new DeploymentRequest(feature.Name, package, feature.Smoke.Cases, feature.KeepVersions, context.RootDirectory, context.Log, RunVariables.Of(context).Read);
        DeploymentOutcome outcome;
        try
        {
            outcome = await target.DeployAsync(request, context.CancellationToken).ConfigureAwait(false);
        }
        catch (DeploymentException e)
        {
            // A refused version is a decision too: the trail says what was tried and what still serves.
            DeploymentAudit.Record(context.RootDirectory, new DeploymentOutcome(
                request.Name, target.Describe(), "deploy", "failed", package.Version, null, null, e.Message, null, DateTimeOffset.UtcNow, []), context.RunId);
            context.Summary($"### Deployment failed\n\n{package.Name} **{package.Version}** was not deployed to {target.Describe()}: {e.Message}\n");
            throw new StageFailedException($"{package.Name} {package.Version} was not deployed to {target.Describe()}: {e.Message}");
        }

        if (feature.Record is { } record)
        {
            DeploymentJson.Write(Path.Combine(context.OutputDirectory(record), DeploymentFeature.RecordFile), outcome);
        }

        if (outcome.Status is "rendered")
        {
            // Manifests written for someone else to apply: nothing serves yet, so nothing is promoted.
            context.Summary($"### Deployment rendered\n\n{outcome.Reason}\n");
            return;
        }

        await Notify(feature, new DeploymentNotice(context, context.RootDirectory, outcome, package, context.Log), context.CancellationToken).ConfigureAwait(false);

        context.Metric("deployment.seconds", outcome.Steps.Sum(s => s.Seconds));
        context.Summary(Summary(outcome));
    }

    /// <summary>Tells every observer; one that fails says the target has already switched.</summary>
    public static async Task Notify(DeploymentFeature feature, DeploymentNotice notice, CancellationToken cancellationToken)
    {
        foreach (var observer in feature.Observers)
        {
            try
            {
                await observer.OnServingAsync(notice, cancellationToken).ConfigureAwait(false);
            }
            catch (DeploymentException e)
            {
                throw new StageFailedException($"{notice.Outcome.Serving} serves on {notice.Outcome.Target}, but {e.Message}");
            }
        }
    }

    private static string Summary(DeploymentOutcome outcome)
    {
        var text = new StringBuilder($"### Deployment\n\n{outcome.Deployment} **{outcome.Serving}** serves on {outcome.Target}");
        text.Append(outcome.Address is null ? ".\n\n" : $" at `{outcome.Address}`.\n\n");
        text.Append(outcome.Reason).Append("\n\n| step | seconds | detail |\n|---|---:|---|\n");
        foreach (var step in outcome.Steps)
        {
            text.Append($"| {step.Name} | {step.Seconds:0.00} | {step.Detail.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
        }

        return text.ToString();
    }
}
