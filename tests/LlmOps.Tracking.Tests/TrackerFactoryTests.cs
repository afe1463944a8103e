using LlmOps.Tracking.Containers;
using LlmOps.Tracking.Local;
using LlmOps.Tracking.Mlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests;

public sealed class TrackerFactoryTests
{
    [Fact]
    public async Task Http_uri_selects_mlflow_and_reads_the_usual_variables()
    {
        var env = new Dictionary<string, string?>
        {
            ["MLFLOW_TRACKING_URI"] = "https://mlflow.internal:5000/",
            ["MLFLOW_TRACKING_TOKEN"] = "tok",
            ["MLFLOW_TRACKING_INSECURE_TLS"] = "true",
            ["MLFLOW_EXPERIMENT_NAME"] = "team-exp",
        };
        await using var tracker = TrackerFactory.Create(environment: k => env.GetValueOrDefault(k));
        var mlflow = Assert.IsType<MlflowTracker>(tracker);
        Assert.Equal("team-exp", mlflow.Client.Options.ExperimentName);
        Assert.True(mlflow.Client.Options.InsecureTls);
        Assert.Equal("tok", mlflow.Client.Options.Token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("file:///tmp/mlruns")]
    [InlineData("./mlruns")]
    public async Task Anything_else_selects_the_local_tracker(string? uri)
    {
        using var dir = new TempDir();
        await using var tracker = TrackerFactory.Create(dir.Path, k => k == "MLFLOW_TRACKING_URI" ? uri : null);
        Assert.IsType<LocalTracker>(tracker);
    }

    [Fact]
    public void Unsupported_scheme_is_a_clear_error_without_the_password()
    {
        var ex = Assert.Throws<ArgumentException>(() => TrackerFactory.Create(environment: k => k == "MLFLOW_TRACKING_URI" ? "databricks://user:hunter2@ws" : null));
        Assert.Contains("http(s)", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Container_env_points_python_mlflow_at_the_stage_run_and_marks_secrets()
    {
        var run = new RunHandle("r1", "7", "mlflow-artifacts:/7/r1/artifacts", "p1");
        var options = new MlflowConnectionOptions { TrackingUri = new Uri("http://127.0.0.1:5000"), Username = "u", Password = "pw" };

        var vars = ContainerTrackingEnvironment.For(run, options, hostAlias: "host.docker.internal").ToDictionary(v => v.Name);

        Assert.Equal("http://host.docker.internal:5000", vars["MLFLOW_TRACKING_URI"].Value);
        Assert.Equal("r1", vars["MLFLOW_RUN_ID"].Value);
        Assert.Equal("7", vars["MLFLOW_EXPERIMENT_ID"].Value);
        Assert.True(vars["MLFLOW_TRACKING_PASSWORD"].IsSecret);
        Assert.Equal("MLFLOW_TRACKING_PASSWORD=***", vars["MLFLOW_TRACKING_PASSWORD"].ToString());
        Assert.DoesNotContain(ContainerTrackingEnvironment.For(run, null), v => v.Name.StartsWith("MLFLOW_", StringComparison.Ordinal));
    }
}
