using System.Text.Json;
using LlmOps.Serving.Chat;
using LlmOps.Serving.Classification;

namespace LlmOps.Serving.Models;

/// <summary>
/// Chooses the handler for a model directory: the kind named in its <c>serving.json</c> (<c>{"kind": "..."}</c>) when
/// there is one, else the first factory that recognises the files. A language-model handler is added to
/// <see cref="Known"/> and nothing else changes (the ONNX chat model is one).
/// </summary>
public static class ModelHandlers
{
    /// <summary>The descriptor a package may carry beside its model files to name the kind explicitly.</summary>
    public const string DescriptorFile = "serving.json";

    /// <summary>The kinds this build of the server can serve.</summary>
    public static IReadOnlyList<IModelHandlerFactory> Known { get; } = [new MlNetClassifierFactory(), new OnnxChatFactory()];

    /// <summary>The factory for <paramref name="modelDirectory"/>.</summary>
    /// <exception cref="ModelLoadException">No directory, an unknown kind, or files no kind recognises.</exception>
    public static IModelHandlerFactory Select(string modelDirectory, IReadOnlyList<IModelHandlerFactory>? factories = null)
    {
        factories ??= Known;
        if (!Directory.Exists(modelDirectory))
        {
            throw new ModelLoadException($"the model directory {modelDirectory} does not exist");
        }

        var descriptor = Path.Combine(modelDirectory, DescriptorFile);
        if (File.Exists(descriptor))
        {
            var kind = ReadKind(descriptor);
            return factories.FirstOrDefault(f => f.Kind == kind)
                ?? throw new ModelLoadException($"{descriptor}: kind '{kind}' is not one this server serves ({string.Join(", ", factories.Select(f => f.Kind))})");
        }

        return factories.FirstOrDefault(f => f.Recognizes(modelDirectory))
            ?? throw new ModelLoadException(
                $"{modelDirectory} holds no model this server recognises ({string.Join(", ", factories.Select(f => f.Kind))}); name the kind in {DescriptorFile}");
    }

    private static string ReadKind(string descriptor)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(descriptor));
            return document.RootElement.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
                ? kind.GetString()!
                : throw new ModelLoadException($"{descriptor}: field 'kind' (a string) is missing");
        }
        catch (JsonException e)
        {
            throw new ModelLoadException($"{descriptor}: line {e.LineNumber + 1}: not valid JSON ({e.Message})", e);
        }
    }
}
