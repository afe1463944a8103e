using LlmOps.OnnxChat;
using LlmOps.Serving.Models;

namespace LlmOps.Serving.Chat;

/// <summary>A chat model exported to ONNX with its byte-level BPE tokenizer (the FineTune pipeline's export).</summary>
public sealed class OnnxChatFactory : IModelHandlerFactory
{
    /// <inheritdoc />
    public string Kind => "onnx-chat";

    /// <inheritdoc />
    public bool Recognizes(string modelDirectory) => OnnxChatModel.IsExport(modelDirectory);

    /// <inheritdoc />
    public IModelHandler Load(string modelDirectory)
    {
        try
        {
            return new OnnxChatHandler(OnnxChatModel.Load(modelDirectory));
        }
        catch (ChatModelException e)
        {
            throw new ModelLoadException(e.Message, e);
        }
    }
}
