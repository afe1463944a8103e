using LlmOps.Serving.Hosting;

namespace LlmOps.Serving.Tests;

public sealed class ServingCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("llmops-serving-cmd-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_corrupt_model_file_exits_3_with_one_line_naming_the_file()
    {
        File.WriteAllText(Path.Combine(_root, "model.zip"), "not a zip");
        var (code, error) = await RunAsync("serve", "--model-dir", _root, "--urls", "http://127.0.0.1:0");

        Assert.Equal(3, code);
        Assert.Contains(Path.Combine(_root, "model.zip"), error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_without_a_recognised_model_says_which_kinds_are_served()
    {
        var (code, error) = await RunAsync("--model-dir", _root);

        Assert.Equal(3, code);
        Assert.Contains("mlnet-classifier", error, StringComparison.Ordinal);
        Assert.Contains("serving.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kind_named_in_serving_json_that_is_not_served_is_reported_with_the_file()
    {
        File.WriteAllText(Path.Combine(_root, "serving.json"), """{"kind": "vllm"}""");
        var (code, error) = await RunAsync("--model-dir", _root);

        Assert.Equal(3, code);
        Assert.Contains("serving.json: kind 'vllm' is not one this server serves (mlnet-classifier, onnx-chat)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chat_model_without_its_onnx_file_is_reported_naming_the_file()
    {
        File.WriteAllText(Path.Combine(_root, "serving.json"), """{"kind": "onnx-chat"}""");
        var (code, error) = await RunAsync("--model-dir", _root);

        Assert.Equal(3, code);
        Assert.Contains($"the exported model {Path.Combine(_root, "model.onnx")} is missing", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_model_directory_is_a_usage_error_with_exit_2()
    {
        Environment.SetEnvironmentVariable("LLMOPS_MODEL_DIR", null);
        var (code, error) = await RunAsync("serve");

        Assert.Equal(2, code);
        Assert.Contains("--model-dir", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_exits_1_when_nothing_listens()
    {
        var (code, _) = await RunAsync("probe", "http://127.0.0.1:9/health");

        Assert.Equal(1, code);
    }

    private static async Task<(int Code, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ServingCommand.RunAsync(args, output, error);
        return (code, error.ToString());
    }
}
