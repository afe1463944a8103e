using LlmOps.Tracking.Mlflow;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;

namespace LlmOps.Tracking.Tests.Support;

internal static class TestClients
{
    internal static MlflowConnectionOptions Options(FakeMlflowServer server, string experiment = "llmops-tests", string? token = null) => new()
    {
        TrackingUri = server.BaseUri,
        ExperimentName = experiment,
        Token = token,
        MaxRetries = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        AttemptTimeout = TimeSpan.FromSeconds(30),
    };

    internal static MlflowClient Client(FakeMlflowServer server, string experiment = "llmops-tests", string? token = null) =>
        MlflowClient.Create(Options(server, experiment, token));
}
