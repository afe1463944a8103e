namespace LlmOps.Dsl;

/// <summary>
/// What a CI job needs beyond checking out and running its stages, independent of the CI platform. Contributors add
/// to it; conflicting requests (two environments in one job) are an emission error that names the stages.
/// </summary>
public sealed class CiJobRequirements
{
    private readonly List<CiService> _services = [];
    private readonly List<CiSecret> _secrets = [];
    private readonly List<string> _logins = [];
    private readonly List<CiActionStep> _actionSteps = [];
    private readonly List<CiCarriedFile> _carried = [];

    /// <summary>The GPUs the job needs, or null: the job goes to a GPU runner or pool.</summary>
    public GpuRequirement? Gpu { get; private set; }

    /// <summary>The environment the job deploys to, or null: its approvals gate the job.</summary>
    public DeploymentTarget? Deployment { get; private set; }

    /// <summary>Clouds the job logs in to with OIDC: the job alone gets an identity token.</summary>
    public IReadOnlyList<string> CloudLogins => _logins;

    /// <summary>Service containers the job starts beside its steps.</summary>
    public IReadOnlyList<CiService> Services => _services;

    /// <summary>Secrets the job's steps receive as environment variables, beyond secret parameters.</summary>
    public IReadOnlyList<CiSecret> Secrets => _secrets;

    /// <summary>Marketplace actions the job runs after its stages (GitHub Actions only), each with the permissions it needs.</summary>
    public IReadOnlyList<CiActionStep> ActionSteps => _actionSteps;

    /// <summary>Files the job carries from run to run as CI artifacts (an append-only log).</summary>
    public IReadOnlyList<CiCarriedFile> CarriedFiles => _carried;

    /// <summary>
    /// The job starts from the newest copy of <paramref name="file"/> (an earlier job of the run, else an earlier run)
    /// and hands its copy on after its stages, even when a stage failed; an append-only file that no longer begins
    /// with the copy the job started from fails the job and is not handed on.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another file is carried under the same name.</exception>
    public void Carry(CiCarriedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (_carried.FirstOrDefault(c => c.Name == file.Name) is { } other && other != file)
        {
            throw new InvalidOperationException($"it would carry both {other.Path} and {file.Path} as '{file.Name}'");
        }

        if (!_carried.Contains(file))
        {
            _carried.Add(file);
        }
    }

    /// <summary>
    /// The job runs <paramref name="step"/> after its stages succeed, and only that job gets the step's permissions.
    /// GitHub Actions pins the action by SHA from the pins file; Azure Pipelines has no such actions and leaves it out.
    /// </summary>
    public void AddActionStep(CiActionStep step)
    {
        if (!_actionSteps.Contains(step))
        {
            _actionSteps.Add(step);
        }
    }

    /// <summary>The job needs GPUs; the larger of two requests wins.</summary>
    public void RequireGpus(GpuRequirement gpu) =>
        Gpu = Gpu is null || (gpu.Count < 0 || (Gpu.Count >= 0 && gpu.Count > Gpu.Count)) ? gpu : Gpu;

    /// <summary>The job deploys to <paramref name="target"/>.</summary>
    /// <exception cref="InvalidOperationException">The job already deploys elsewhere.</exception>
    public void DeployTo(DeploymentTarget target)
    {
        if (Deployment is not null && Deployment.Environment != target.Environment)
        {
            throw new InvalidOperationException($"it would deploy to both {Deployment.Environment} and {target.Environment}");
        }

        Deployment = target;
    }

    /// <summary>The job logs in to <paramref name="provider"/> with OIDC.</summary>
    public void LogInTo(string provider)
    {
        if (!_logins.Contains(provider))
        {
            _logins.Add(provider);
        }
    }

    /// <summary>The job starts <paramref name="service"/> beside its steps.</summary>
    public void AddService(CiService service)
    {
        if (!_services.Contains(service))
        {
            _services.Add(service);
        }
    }

    /// <summary>The job's steps receive <paramref name="secret"/>.</summary>
    public void AddSecret(CiSecret secret)
    {
        if (!_secrets.Contains(secret))
        {
            _secrets.Add(secret);
        }
    }
}

/// <summary>A service container beside a CI job's steps (a database, a model server under test).</summary>
/// <param name="Name">The service's name, also its host name.</param>
/// <param name="Image">The image, pinned by digest where possible.</param>
/// <param name="Ports">Ports published to the job.</param>
public sealed record CiService(string Name, string Image, IReadOnlyList<int> Ports)
{
    /// <inheritdoc />
    public bool Equals(CiService? other) => other is not null && Name == other.Name && Image == other.Image && Ports.SequenceEqual(other.Ports);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Image);
}

/// <summary>A secret a CI job's steps receive as an environment variable, from the platform's secret store.</summary>
/// <param name="Variable">The environment variable, e.g. <c>HF_TOKEN</c>.</param>
/// <param name="Secret">The secret's name in the store, e.g. <c>HF_TOKEN</c>.</param>
public sealed record CiSecret(string Variable, string Secret);

/// <summary>A marketplace action a CI job runs after its stages (e.g. <c>actions/attest-build-provenance</c>).</summary>
/// <param name="Name">The step's display name.</param>
/// <param name="Action">The action, <c>owner/repo</c>, without a ref: the emitter pins it by SHA.</param>
/// <param name="With">The action's inputs.</param>
/// <param name="Permissions">The job permissions it needs, as <c>scope: level</c> (<c>id-token: write</c>).</param>
public sealed record CiActionStep(string Name, string Action, IReadOnlyDictionary<string, string> With, IReadOnlyList<string> Permissions)
{
    /// <inheritdoc />
    public bool Equals(CiActionStep? other) =>
        other is not null && Name == other.Name && Action == other.Action && With.OrderBy(w => w.Key, StringComparer.Ordinal).SequenceEqual(other.With.OrderBy(w => w.Key, StringComparer.Ordinal)) && Permissions.SequenceEqual(other.Permissions);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Action);
}

/// <summary>
/// A file that lives in CI artifacts rather than in the repository and travels from job to job and run to run: an
/// audit log that each run appends to. The emitters render how the platform moves it.
/// </summary>
/// <param name="Name">The artifact's name (<c>llmops-audit</c>): letters, digits and '-'.</param>
/// <param name="Path">The file's path relative to the repository root (<c>.llmops/audit/audit.jsonl</c>).</param>
/// <param name="AppendOnly">Whether a job may only add to its end: the copy it hands on must begin with the bytes it started from.</param>
public sealed record CiCarriedFile(string Name, string Path, bool AppendOnly)
{
    /// <summary>The file's name without its folder.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);
}
