using LlmOps.Evaluation;

namespace LlmOps.Packaging;

/// <summary>Everything a package is built from, resolved to folders and values: what the stage reads, with no DSL in it.</summary>
internal sealed record PackageInput(string Name, string ModelDirectory, BlessingRecord Blessing, string VerdictPath)
{
    public ModelCardSpec Card { get; init; } = new();

    /// <summary>Folders to include under <c>evidence/&lt;path&gt;/</c>.</summary>
    public IReadOnlyList<EvidenceInput> Evidence { get; init; } = [];

    public IReadOnlyList<DatasetInput> Datasets { get; init; } = [];

    public BaseModelInput? BaseModel { get; init; }

    /// <summary>The trainer image reference with its digest (<c>ghcr.io/acme/trainer@sha256:…</c>), when known.</summary>
    public string? TrainerImage { get; init; }

    /// <summary>Training parameters by name, values in invariant text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> TrainingParameters { get; init; } = [];

    /// <summary>Frameworks and packages the model was made with (name, version).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Frameworks { get; init; } = [];

    /// <summary>The stage that packages (<c>Support.Pack</c>).</summary>
    public string Stage { get; init; } = "";
}

/// <summary>A folder of evidence, put under <c>evidence/&lt;Path&gt;/</c> in the archive.</summary>
internal sealed record EvidenceInput(string Path, string Directory);

/// <summary>A dataset the model was trained or evaluated on, with its licence and the folder of its validation report.</summary>
internal sealed record DatasetInput(string Name, string Directory, string? License, string? ValidationDirectory);

/// <summary>The base model: a Hugging Face name, the revision (commit) used, its licence.</summary>
/// <param name="Name">The model's name, e.g. <c>Qwen/Qwen2.5-0.5B-Instruct</c>.</param>
/// <param name="Revision">The revision (commit) used.</param>
/// <param name="License">Its licence, e.g. <c>apache-2.0</c>.</param>
public sealed record BaseModelInput(string Name, string Revision, string? License);
