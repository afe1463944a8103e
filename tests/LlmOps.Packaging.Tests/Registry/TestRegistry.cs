using System.Diagnostics;

namespace LlmOps.Packaging.Tests.Registry;

/// <summary>
/// The real registry the publishing tests push to: <c>LLMOPS_TEST_REGISTRY</c> (host:port) when CI started one, else
/// the repository's <c>.ci/start-registry</c> is run (idempotent, quick when it runs already). Without a Docker engine
/// the tests skip saying why, or fail under <c>LLMOPS_REQUIRE_DOCKER=1</c>.
/// </summary>
public sealed class TestRegistry
{
    private readonly string? _unavailable;

    public TestRegistry()
    {
        Address = Environment.GetEnvironmentVariable("LLMOPS_TEST_REGISTRY");
        if (!string.IsNullOrEmpty(Address))
        {
            return;
        }

        var script = FindScript();
        if (script is null)
        {
            _unavailable = "LLMOPS_TEST_REGISTRY is not set and no .ci/start-registry was found above " + AppContext.BaseDirectory;
            return;
        }

        try
        {
            var start = new ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode == 0 && stdout.Trim() is { Length: > 0 } address)
            {
                Address = address;
                return;
            }

            _unavailable = $".ci/start-registry exited {process.ExitCode}: {stderr.Result.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            _unavailable = "bash cannot be started to run .ci/start-registry: " + e.Message;
        }
    }

    /// <summary>host:port of the registry, or null.</summary>
    public string? Address { get; }

    /// <summary>The container the registry runs in (for tests that change its storage).</summary>
    public static string ContainerName => Environment.GetEnvironmentVariable("LLMOPS_REGISTRY_CONTAINER") is { Length: > 0 } name ? name : "llmops-ci-registry";

    /// <summary>A fresh repository of the registry, or a skip (a failure under LLMOPS_REQUIRE_DOCKER=1) when there is none.</summary>
    public Oci.OciReference Repository(string name)
    {
        if (Address is null)
        {
            if (Environment.GetEnvironmentVariable("LLMOPS_REQUIRE_DOCKER") == "1")
            {
                Assert.Fail("LLMOPS_REQUIRE_DOCKER=1 but no test registry is available: " + _unavailable);
            }

            Assert.Skip("No OCI registry for the publishing tests: " + _unavailable);
        }

        return Oci.OciReference.Parse($"{Address}/llmops-tests/{name}-{Guid.NewGuid():N}");
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var script = Path.Combine(dir.FullName, ".ci", "start-registry");
            if (File.Exists(script))
            {
                return script;
            }
        }

        return null;
    }
}

/// <summary>The publishing tests share one registry.</summary>
[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<TestRegistry>
{
    public const string Name = "OCI registry";
}
