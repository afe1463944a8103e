namespace LlmOps.Containers.Running;

/// <summary>The fixed paths a stage container sees. Trainers may rely on them (they are also passed as env vars).</summary>
public static class ContainerPaths
{
    /// <summary>Each named input is mounted read-only at <c>/llmops/inputs/&lt;name&gt;</c> (env LLMOPS_INPUTS_DIR).</summary>
    public const string InputsRoot = "/llmops/inputs";

    /// <summary>The outputs directory, mounted read-write (env LLMOPS_OUTPUTS_DIR).</summary>
    public const string Outputs = "/llmops/outputs";

    /// <summary>File name, inside the outputs directory, of the JSON-lines metrics file (env LLMOPS_METRICS_FILE).</summary>
    public const string MetricsFileName = "metrics.jsonl";

    /// <summary>Container path of the JSON-lines metrics file (env LLMOPS_METRICS_FILE).</summary>
    public const string MetricsFile = Outputs + "/" + MetricsFileName;

    /// <summary>Container path of a named input.</summary>
    public static string Input(string name) => $"{InputsRoot}/{name}";

    /// <summary>Container path where the container writes a named output; its files become the artifact.</summary>
    public static string Output(string name) => $"{Outputs}/{name}";
}
