namespace LlmOps.Serving.Models;

/// <summary>Recognises a model kind from the files of a model directory and loads it.</summary>
public interface IModelHandlerFactory
{
    /// <summary>The kind's name, as written in <c>serving.json</c> and shown by <c>/health</c> (<c>mlnet-classifier</c>).</summary>
    string Kind { get; }

    /// <summary>Whether <paramref name="modelDirectory"/> holds a model of this kind.</summary>
    bool Recognizes(string modelDirectory);

    /// <summary>Loads the model; throws <see cref="ModelLoadException"/> with a sentence naming the file when it cannot.</summary>
    IModelHandler Load(string modelDirectory);
}
