using System.Diagnostics;
using LlmOps.Emission.Tests.Pipelines;
using LlmOps.Emission.Tests.Support;

namespace LlmOps.Emission.Tests;

/// <summary>
/// Runs the third-party validators (actionlint, action-validator, the Azure schema check) of
/// shared/tools/validate-workflows (LLMOPS_SHARED, or the shared/ folder beside the checkout) on the emitted files,
/// where that tool is installed; CI (LLMOPS_REQUIRE_VALIDATORS=1) fails instead of skipping.
/// </summary>
[Collection(nameof(UserTextPipeline))]
public sealed class ValidateWorkflowsToolTests
{
    private static readonly string Tool = Path.Combine(SharedFolder(), "tools", "validate-workflows");

    /// <summary>What the repository's .github/actionlint.yaml must declare for the default GPU runner labels.</summary>
    public const string ActionlintConfig = "self-hosted-runner:\n  labels:\n    - gpu\n    - a100\n";

    [Fact]
    public async Task Emitted_files_pass_the_third_party_validators()
    {
        var required = Environment.GetEnvironmentVariable("LLMOPS_REQUIRE_VALIDATORS") == "1";
        if (!File.Exists(Tool))
        {
            Assert.False(required, $"{Tool} is missing but LLMOPS_REQUIRE_VALIDATORS=1");
            Assert.Skip($"{Tool} is not installed here.");
        }

        var root = Path.Combine(AppContext.BaseDirectory, "emitted-samples");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        // Quotes, '#', ': ', an expression and unicode in descriptions and an environment; quotes, '#' and unicode in a
        // default and a path filter (Azure path filters allow no spaces or colons).
        UserTextPipeline.Text = "ship: \"it\" #1 ${{ github.token }} é🚀";
        UserTextPipeline.TriggerText = "ship-\"it\"-#1-é🚀";
        IReadOnlyList<GeneratedFile> files =
        [
            .. Loaded.Generate(typeof(TrainPipeline)), .. Loaded.Generate(typeof(GroupedPipeline)), .. Loaded.Generate(typeof(UserTextPipeline)), .. Loaded.Generate(typeof(SupportPipeline)),
            .. Loaded.Generate(typeof(PromotionPipeline)), .. Loaded.Generate(typeof(NullableParametersPipeline)), .. Loaded.Generate(typeof(OidcPipeline)),
            .. Loaded.Generate(typeof(HostileNamesPipeline)),
        ];
        WorkflowGenerator.Write(files, root);

        // The hostile pipeline's self-hosted runner has the labels yes, on and null.
        File.WriteAllText(Path.Combine(root, ".github", "actionlint.yaml"), ActionlintConfig + "    - \"yes\"\n    - \"on\"\n    - \"null\"\n");

        var start = new ProcessStartInfo(Tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var file in files)
        {
            start.ArgumentList.Add(Path.Combine(root, file.Path));
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var output = await stdout + await stderr;
        if (process.ExitCode == 2 && !required)
        {
            Assert.Skip($"validate-workflows could not run: {output}");
        }

        Assert.True(process.ExitCode == 0, output);
    }

    private static string SharedFolder()
    {
        if (Environment.GetEnvironmentVariable("LLMOPS_SHARED") is { Length: > 0 } shared)
        {
            return shared;
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LlmOps.sln")))
            {
                return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared"));
            }
        }

        return "/work/shared";
    }
}
