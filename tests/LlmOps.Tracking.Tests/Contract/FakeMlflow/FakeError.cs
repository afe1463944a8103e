namespace LlmOps.Tracking.Tests.Contract.FakeMlflow;

/// <summary>An MLflow error answer: <c>{"error_code","message"}</c> with the status MLflow maps the code to.</summary>
public sealed class FakeError(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static FakeError Invalid(string message) => new(400, "INVALID_PARAMETER_VALUE", message);

    public static FakeError Missing(string name) =>
        Invalid($"Missing value for required parameter '{name}'. See the API docs for more information about request parameters.");

    public static FakeError NotFound(string message) => new(404, "RESOURCE_DOES_NOT_EXIST", message);
}
