namespace LlmOps.Emission;

/// <summary>Where artifacts travel between the tasks of an Argo workflow.</summary>
public abstract record ArgoArtifactRepository
{
    private protected ArgoArtifactRepository()
    {
    }

    /// <summary>
    /// An S3-compatible bucket (AWS S3, MinIO, Ceph): each produced artifact is stored as
    /// <c>&lt;keyPrefix&gt;/&lt;workflow name&gt;/&lt;artifact&gt;.tgz</c>; the credentials come from the Kubernetes secret
    /// <paramref name="credentialsSecret"/> (keys <c>accessKey</c> and <c>secretKey</c>), never from the template.
    /// </summary>
    public static ArgoArtifactRepository S3(string endpoint, string bucket, string credentialsSecret, string keyPrefix = "llmops", string? region = null, bool insecure = false) =>
        new S3ArtifactRepository(endpoint, bucket, credentialsSecret, keyPrefix, region, insecure);

    /// <summary>
    /// A ReadWriteMany persistent volume claim: each task mounts <c>&lt;workflow uid&gt;/</c> of it and copies the
    /// exported artifacts there; consumers copy them back and verify them like any download.
    /// </summary>
    public static ArgoArtifactRepository Pvc(string claimName) => new PvcArtifactRepository(claimName);
}

/// <summary>An S3-compatible bucket; see <see cref="ArgoArtifactRepository.S3"/>.</summary>
/// <param name="Endpoint">Host and port, without scheme (<c>minio.storage:9000</c>).</param>
/// <param name="Bucket">The bucket.</param>
/// <param name="CredentialsSecret">The Kubernetes secret holding <c>accessKey</c> and <c>secretKey</c>.</param>
/// <param name="KeyPrefix">The key prefix of every object.</param>
/// <param name="Region">The region, or null for the endpoint's default.</param>
/// <param name="Insecure">Plain HTTP (a MinIO inside the cluster).</param>
public sealed record S3ArtifactRepository(string Endpoint, string Bucket, string CredentialsSecret, string KeyPrefix, string? Region, bool Insecure) : ArgoArtifactRepository;

/// <summary>A persistent volume claim; see <see cref="ArgoArtifactRepository.Pvc"/>.</summary>
/// <param name="ClaimName">The claim's name.</param>
public sealed record PvcArtifactRepository(string ClaimName) : ArgoArtifactRepository;
