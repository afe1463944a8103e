using System.Text;
using System.Text.Json.Nodes;

namespace LlmOps.Packaging.Tests.Verification;

public sealed class PackageVerifierTests
{
    [Fact]
    public void A_package_signed_by_a_trusted_key_passes_every_check()
    {
        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        var result = PackageVerifier.Verify(packages.Build(key), [key.PublicKeyPem]);

        Assert.True(result.Passed, string.Join("\n", result.Checks));
        Assert.Equal(["package record", "archive digest", "signature", "statement subject", "manifest hashes", "ML-BOM"], result.Checks.Select(c => c.Name));
        Assert.Contains(key.KeyId, result.Checks.Single(c => c.Name == "signature").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_changed_in_a_model_file_inside_the_archive_is_named()
    {
        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        var package = packages.Build(key);
        TamperedPackages.FlipByte(package, TamperedPackages.DataOffset(package, "model/weights/model.bin") + 1000);

        var result = PackageVerifier.Verify(package, [key.PublicKeyPem]);
        Assert.False(result.Passed);
        Assert.Contains("the archive was changed after packaging", Failure(result, "archive digest"), StringComparison.Ordinal);
        Assert.Contains("'model/weights/model.bin' does not match the manifest", Failure(result, "manifest hashes"), StringComparison.Ordinal);
        Assert.Contains("not", Failure(result, "statement subject"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_swapped_for_another_packages_signature_does_not_verify()
    {
        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        var package = packages.Build(key);
        var other = packages.Build(key, packages.Input(c => c.Tags("another")));
        var envelope = JsonNode.Parse(File.ReadAllText(Path.Combine(package, PackageLayout.Provenance)))!;
        var otherSignature = JsonNode.Parse(File.ReadAllText(Path.Combine(other, PackageLayout.Provenance)))!["signatures"]![0]!["sig"]!.GetValue<string>();
        envelope["signatures"]![0]!["sig"] = otherSignature;
        File.WriteAllText(Path.Combine(package, PackageLayout.Provenance), envelope.ToJsonString());

        var result = PackageVerifier.Verify(package, [key.PublicKeyPem]);
        Assert.Contains($"the signature claimed by trusted key {key.KeyId} does not verify", Failure(result, "signature"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_signed_by_a_key_nobody_committed_is_not_trusted()
    {
        using var packages = new TestPackages();
        using var signer = SigningKey.Generate();
        using var trusted = SigningKey.Generate();

        var result = PackageVerifier.Verify(packages.Build(signer), [trusted.PublicKeyPem]);
        Assert.Contains($"signed by key {signer.KeyId}, which is not among the 1 trusted key(s)", Failure(result, "signature"), StringComparison.Ordinal);
        Assert.Contains(result.Checks, c => c.Name == "statement subject" && c.Passed);
    }

    [Fact]
    public void An_edited_bom_is_named_even_when_the_record_is_updated_to_the_new_archive()
    {
        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        var package = packages.Build(key);
        TamperedPackages.ReplaceEntry(package, PackageLayout.Bom, bytes => Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("Apache-2.0", "MIT", StringComparison.Ordinal)), updateRecord: true);

        var result = PackageVerifier.Verify(package, [key.PublicKeyPem]);
        Assert.Contains(result.Checks, c => c.Name == "archive digest" && c.Passed); // the attacker fixed package.json...
        Assert.Contains("it is about another archive", Failure(result, "statement subject"), StringComparison.Ordinal); // ...but not the signed statement
        Assert.Contains("'bom.cdx.json' does not match the manifest", Failure(result, "manifest hashes"), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsigned_envelope_is_reported_as_unsigned()
    {
        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        var package = packages.Build(key);
        var envelope = JsonNode.Parse(File.ReadAllText(Path.Combine(package, PackageLayout.Provenance)))!;
        envelope["signatures"] = new JsonArray();
        File.WriteAllText(Path.Combine(package, PackageLayout.Provenance), envelope.ToJsonString());

        Assert.Contains("the package is unsigned", Failure(PackageVerifier.Verify(package, [key.PublicKeyPem]), "signature"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_statement_records_subject_parameters_dependencies_and_builder()
    {
        using var packages = new TestPackages();
        using var key = SigningKey.Generate();
        var package = packages.Build(key);
        var envelope = JsonNode.Parse(File.ReadAllText(Path.Combine(package, PackageLayout.Provenance)))!;
        var statement = JsonNode.Parse(Convert.FromBase64String(envelope["payload"]!.GetValue<string>()))!;
        var contents = PackageContents.Open(package);

        Assert.Equal($"support-intent-{contents.Version}.tar", statement["subject"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(contents.Digest[7..], statement["subject"]![0]!["digest"]!["sha256"]!.GetValue<string>());
        var build = statement["predicate"]!["buildDefinition"]!;
        Assert.Equal("3", build["externalParameters"]!["parameters"]!["Epochs"]!.GetValue<string>());
        var dependencies = build["resolvedDependencies"]!.AsArray().Select(d => d!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["model:support-intent", "dataset:support-splits", "base-model:Qwen/Qwen2.5-0.5B-Instruct", "trainer-image", "source"], dependencies);
        Assert.Equal(BuildRun.LocalBuilder, statement["predicate"]!["runDetails"]!["builder"]!["id"]!.GetValue<string>());
    }

    private static string Failure(PackageVerification result, string check)
    {
        var found = result.Checks.Single(c => c.Name == check);
        Assert.False(found.Passed, $"{check} passed: {found.Detail}");
        return found.Detail;
    }
}
