using System.Text.Json;
using LlmOps.Serving.Tests;

namespace LlmOps.Deployment.Tests;

/// <summary>Package folders as the package stage writes them: the model's files beside a manifest naming the version.</summary>
public static class Packages
{
    public static DeployablePackage Good(string root, string version) => Write(root, version, TinyModels.Classifier(root));

    /// <summary>A classifier that answers wrongly ("where is my parcel" is not shipping): it fails the smoke evaluation.</summary>
    public static DeployablePackage WrongAnswers(string root, string version) => Write(root, version, TinyModels.Classifier(root, flip: true));

    /// <summary>A model.zip that is not a zip: the server exits at start.</summary>
    public static DeployablePackage Corrupt(string root, string version)
    {
        var model = Path.Combine(root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(model);
        File.WriteAllText(Path.Combine(model, "model.zip"), "not a zip");
        return Write(root, version, model);
    }

    /// <summary>A model trained on another column: it loads, fails its warm-up, and /health answers 503.</summary>
    public static DeployablePackage Unhealthy(string root, string version) => Write(root, version, TinyModels.WrongSchema(root));

    private static DeployablePackage Write(string root, string version, string modelDirectory)
    {
        var package = Path.Combine(root, "package-" + version + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(package);
        foreach (var file in Directory.EnumerateFiles(modelDirectory))
        {
            File.Copy(file, Path.Combine(package, Path.GetFileName(file)));
        }

        File.WriteAllText(Path.Combine(package, "manifest.json"), JsonSerializer.Serialize(new { name = "support-intent", version, files = Array.Empty<object>() }));
        return DeployablePackage.Open(package);
    }
}
