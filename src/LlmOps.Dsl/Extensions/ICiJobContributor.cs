namespace LlmOps.Dsl;

/// <summary>
/// Implemented by stage features that change what the CI job running the stage needs (GPU runners, an approval
/// environment, an identity token, service containers, secrets). Both emitters read the platform-neutral
/// <see cref="CiJobRequirements"/>, so a new stage kind never needs an emitter change.
/// </summary>
public interface ICiJobContributor
{
    /// <summary>Adds this feature's requirements to <paramref name="job"/>.</summary>
    void Contribute(CiJobRequirements job);
}
