namespace LlmOps.Packaging;

/// <summary>
/// A <c>sha256sum</c>-format file naming the archive the stage signed, at a path fixed by the package's name, so the
/// CI job's keyless GitHub attestation (<c>subject-checksums</c>) covers exactly the subject of our own statement.
/// </summary>
internal static class AttestationChecksums
{
    public static string RelativePath(string name) => $"{StateLayout.DirectoryName}/attestations/{name}.sha256";

    public static void Write(string root, PackageRecord record)
    {
        var path = Path.Combine(root, RelativePath(record.Name));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.WriteAllText(path, $"{record.Digest[7..]}  {record.Name}-{record.Version}.tar\n");
    }
}
