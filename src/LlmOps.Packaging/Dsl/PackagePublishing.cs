using LlmOps.Dsl;
using LlmOps.Packaging.Oci;

namespace LlmOps.Packaging;

/// <summary>The publishing step of a packaging stage: push when a registry is configured, say so and do nothing when not.</summary>
internal static class PackagePublishing
{
    public static async Task RunAsync(StageContext ctx, PublishingSpec publishing, string packageDirectory)
    {
        var target = publishing.Repository()?.Trim();
        if (string.IsNullOrEmpty(target))
        {
            ctx.Log($"publishing: no registry configured ({publishing.Parameter} is empty), so the package stays local; set {publishing.Parameter} to registry/repository to push it");
            return;
        }

        OciReference repository;
        try
        {
            repository = OciReference.Parse(target);
        }
        catch (OciException e)
        {
            throw new StageFailedException($"publishing failed: parameter {publishing.Parameter}: {e.Message}");
        }

        if (repository.Tag is not null || repository.Digest is not null)
        {
            throw new StageFailedException($"publishing failed: parameter {publishing.Parameter} is '{target}', but it names a repository only: the package's version becomes the tag and the registry gives the digest");
        }

        var username = publishing.Username?.Invoke();
        var password = publishing.Password?.Invoke();
        var credentials = string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password) ? null : new OciCredentials(username, password);
        try
        {
            using var client = new OciRegistryClient(credentials);
            ctx.Log($"publishing to {repository.Registry}/{repository.Repository}{(credentials is null ? " (anonymous)" : $" as {credentials.Username}")}:");
            var publication = await PackagePublisher.PublishAsync(packageDirectory, repository, client, publishing.Modelcar, ctx.Log, ctx.CancellationToken);
            ctx.Summary($"Published as `{publication.Artifact}`" + (publication.Modelcar is { } m ? $", modelcar `{m}`" : "") + ".\n");
        }
        catch (OciException e)
        {
            throw new StageFailedException("publishing failed: " + e.Message);
        }
    }
}
