using System.Collections.Concurrent;
using System.Diagnostics;
using LlmOps.Runtime.Tests.Support;

namespace LlmOps.Runtime.Tests.Processes;

public sealed class ProcessRunnerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Output_and_error_lines_stream_masked_and_a_failure_names_the_tool_the_code_and_the_last_lines()
    {
        var lines = new ConcurrentQueue<string>();
        var runner = new ProcessRunner(lines.Enqueue, new SecretMasker(["secret"]));

        var result = await runner.RunAsync("/bin/sh", ["-c", "echo a; echo secret >&2; exit 3"], cancellationToken: Token);

        Assert.False(result.Succeeded);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["***", "a"], lines.Order(StringComparer.Ordinal));
        Assert.Equal(["***", "a"], result.Tail.Order(StringComparer.Ordinal));
        var failure = Assert.Throws<ProcessFailedException>(() => result.EnsureSucceeded());
        Assert.Equal(3, failure.ExitCode);
        Assert.StartsWith("/bin/sh exited with code 3; last output: ", failure.Message);
        Assert.Contains("***", failure.Message);
        Assert.DoesNotContain("secret", failure.Message);
    }

    [Fact]
    public async Task Error_lines_can_go_to_their_own_callback()
    {
        var output = new List<string>();
        var errors = new List<string>();

        var result = await new ProcessRunner(output.Add, errorOutput: errors.Add).RunAsync("/bin/sh", ["-c", "echo out; echo err >&2"], cancellationToken: Token);

        Assert.Equal(["out"], output);
        Assert.Equal(["err"], errors);
        Assert.Equal(["err", "out"], result.Tail.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_successful_run_keeps_only_the_tail()
    {
        var result = await new ProcessRunner().RunAsync("/bin/sh", ["-c", "seq 1 100"], new ProcessOptions { TailLines = 3 }, Token);

        Assert.True(result.Succeeded);
        Assert.Same(result, result.EnsureSucceeded());
        Assert.Equal(["98", "99", "100"], result.Tail);
    }

    [Fact]
    public async Task Other_success_codes_count_as_success()
    {
        var result = await new ProcessRunner().RunAsync("/bin/sh", ["-c", "exit 1"], new ProcessOptions { SuccessExitCodes = [0, 1] }, Token);

        Assert.True(result.Succeeded);
        Assert.Equal("/bin/sh exited with code 1 and printed nothing", result.FailureMessage);
    }

    [Fact]
    public async Task Arguments_with_spaces_quotes_and_shell_characters_arrive_verbatim()
    {
        string[] arguments = ["two words", "it's", "\"quoted\"", "$HOME", "a;b", "*", "back\\slash", ""];
        var lines = new List<string>();

        var result = await new ProcessRunner(lines.Add).RunAsync("/bin/sh", ["-c", "for a in \"$@\"; do printf '[%s]\\n' \"$a\"; done", "sh", .. arguments], cancellationToken: Token);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal(arguments.Select(a => $"[{a}]"), lines);
    }

    [Fact]
    public async Task Extra_variables_are_passed_removed_variables_are_not_and_the_working_directory_is_used()
    {
        using var dir = new TempDirectory();
        Environment.SetEnvironmentVariable("LLMOPS_RUNTIME_TESTS_INHERITED", "inherited");
        var lines = new List<string>();
        var options = new ProcessOptions
        {
            WorkingDirectory = dir.Path,
            Environment = new Dictionary<string, string?> { ["LLMOPS_X"] = "value with spaces", ["LLMOPS_RUNTIME_TESTS_INHERITED"] = null },
        };

        await new ProcessRunner(lines.Add).RunAsync("/bin/sh", ["-c", "echo \"x=$LLMOPS_X\"; echo \"inherited=${LLMOPS_RUNTIME_TESTS_INHERITED:-unset}\"; echo here > here.txt"], options, Token);

        Assert.Equal(["x=value with spaces", "inherited=unset"], lines);
        Assert.True(File.Exists(dir.File("here.txt")));
    }

    [Fact]
    public async Task The_tool_reads_no_input()
    {
        var result = await new ProcessRunner().RunAsync("/bin/sh", ["-c", "if read line; then echo got; else echo eof; fi"], cancellationToken: Token);

        Assert.Equal(["eof"], result.Tail);
    }

    [Fact]
    public async Task Cancelling_kills_the_tool_and_its_children_promptly()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var childPid = new TaskCompletionSource<int>();
        var runner = new ProcessRunner(line => childPid.TrySetResult(int.Parse(line, System.Globalization.CultureInfo.InvariantCulture)));
        var watch = Stopwatch.StartNew();

        var running = runner.RunAsync("/bin/sh", ["-c", "sleep 60 & echo $!; wait"], cancellationToken: cancel.Token);
        var pid = await childPid.Task.WaitAsync(TimeSpan.FromSeconds(10), Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.True(await GoneAsync(pid), $"the sleep child {pid} is still running");
    }

    [Fact]
    public async Task A_missing_tool_is_reported_as_not_started()
    {
        var failure = await Assert.ThrowsAsync<ProcessFailedException>(() => new ProcessRunner().RunAsync("llmops-no-such-tool", [], cancellationToken: Token));

        Assert.Null(failure.ExitCode);
        Assert.StartsWith("could not start 'llmops-no-such-tool'", failure.Message);
    }

    [Fact]
    public async Task A_callback_that_throws_does_not_hang_the_tool_and_its_error_surfaces()
    {
        var calls = 0;
        var runner = new ProcessRunner(_ =>
        {
            calls++;
            throw new InvalidOperationException("log closed");
        });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync("/bin/sh", ["-c", "seq 1 100000"], cancellationToken: Token));

        Assert.Equal("log closed", error.Message);
        Assert.Equal(1, calls);
    }

    // A killed child is reaped by init; until then it is a zombie, which runs nothing.
    private static async Task<bool> GoneAsync(int pid)
    {
        for (var i = 0; i < 50; i++)
        {
            var stat = $"/proc/{pid}/stat";
            if (!File.Exists(stat))
            {
                return true;
            }

            try
            {
                var text = await File.ReadAllTextAsync(stat, Token);
                if (text[(text.LastIndexOf(')') + 2)..].FirstOrDefault() is 'Z' or 'X')
                {
                    return true;
                }
            }
            catch (IOException)
            {
                return true;
            }

            await Task.Delay(100, Token);
        }

        return false;
    }
}
