namespace LlmOps.Serving.Models;

/// <summary>
/// Serves one loaded model over HTTP. A handler maps the endpoints of its model kind (<c>POST /v1/classify</c> for a
/// classifier, <c>POST /v1/chat/completions</c> for a language model) and answers the health probe's warm-up call.
/// </summary>
public interface IModelHandler : IDisposable
{
    /// <summary>Adds the kind's endpoints to the application.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints);

    /// <summary>
    /// Runs one real request through the model, so a model that loads but cannot answer (a schema it was not trained
    /// on, a missing tokenizer) is reported unhealthy rather than failing the first user request.
    /// </summary>
    void WarmUp();
}
