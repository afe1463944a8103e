using System.Globalization;
using LlmOps.Dsl;
using LlmOps.Evaluation;
using LlmOps.Runtime;

namespace LlmOps.Packaging;

/// <summary>One run of a packaging stage: resolve the inputs and the key, build, sign, report.</summary>
internal static class PackageRun
{
    public static async Task RunAsync(StageContext ctx, PackagingFeature feature)
    {
        var startedOn = DateTimeOffset.UtcNow;
        var blessed = ctx.Input(feature.Model);
        var blessing = blessed.Blessing;
        var input = new PackageInput(feature.Name, blessed.File(Blessed<ModelArtifact>.ModelFolder), blessing, blessed.File(Blessed<ModelArtifact>.VerdictFile))
        {
            Card = feature.Card,
            Evidence = feature.Evidence.Select(e => new EvidenceInput(e.Name, ctx.InputDirectory(e))).ToList(),
            Datasets = feature.Datasets.Select(d => new DatasetInput(d.Dataset.Name, ctx.InputDirectory(d.Dataset), d.License, d.Validation is { } v ? ctx.InputDirectory(v) : null)).ToList(),
            BaseModel = feature.BaseModel,
            TrainerImage = feature.TrainerImage,
            TrainingParameters = feature.ParameterValues(),
            Frameworks = [.. feature.Frameworks, new(".NET", Environment.Version.ToString())],
            Stage = ctx.StageName,
        };
        try
        {
            var key = KeySelection.Select(ctx.RootDirectory, feature.SigningKeyPem?.Invoke(), feature.KeyFile, ctx.Log);
            using var signingKey = key.Key;
            var run = BuildRun.Detect(RunVariables.Of(ctx).Read, ctx.RunId, await LocalCommitAsync(ctx.RootDirectory));
            var output = ctx.OutputDirectory(feature.Package!);
            var result = await Task.Run(() => PackageBuilder.Build(input, output, new PackageBuilder.Signing(signingKey, key.Development, run, input.TrainingParameters, startedOn, () => DateTimeOffset.UtcNow)), ctx.CancellationToken);
            AttestationChecksums.Write(ctx.RootDirectory, result.Record);
            var record = result.Record;
            ctx.Log(string.Create(CultureInfo.InvariantCulture, $"packaged {record.Name} {record.Version}: {record.Digest}, signed by {(key.Development ? "DEVELOPMENT " : "")}key {record.KeyId} ({key.Source}); builder {run.BuilderId}"));
            ctx.Summary($"### Package\n\n**{record.Name} {record.Version}** `{record.Digest}`, provenance signed by {(key.Development ? "a **development** key (not trusted by CI policy)" : "key")} `{record.KeyId}`.\n");
            if (feature.Publishing is { } publishing)
            {
                await PackagePublishing.RunAsync(ctx, publishing, output);
            }
        }
        catch (PackageException e)
        {
            throw new StageFailedException("packaging failed: " + e.Message);
        }
    }

    // The source commit for a local build's provenance; a folder that is not a git checkout has none.
    private static async Task<string?> LocalCommitAsync(string root)
    {
        string? commit = null;
        try
        {
            var result = await new ProcessRunner(line => commit ??= line.Trim()).RunAsync("git", ["rev-parse", "HEAD"], new ProcessOptions { WorkingDirectory = root });
            return result.Succeeded && commit is { Length: 40 } ? commit : null;
        }
        catch (Exception e) when (e is ProcessFailedException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
