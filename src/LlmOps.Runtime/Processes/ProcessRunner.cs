using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text;

namespace LlmOps.Runtime;

/// <summary>
/// Runs a tool with an argument list (passed verbatim, never through a shell, so nothing in an argument is
/// interpreted), streams each line of its standard output and error to a callback as it comes, secrets masked, and
/// kills the whole process tree when cancelled. The tool gets no input: its standard input is closed, so a tool that
/// prompts fails instead of waiting forever on a CI machine.
/// </summary>
/// <param name="output">
/// Receives each line of standard output and error, masked, as it comes; calls never overlap. Null to keep only the
/// tail.
/// </param>
/// <param name="masker">Masks output lines and the tail; null when the tool handles no secrets.</param>
/// <param name="errorOutput">When set, receives the standard error lines instead of <paramref name="output"/>.</param>
public sealed class ProcessRunner(Action<string>? output = null, SecretMasker? masker = null, Action<string>? errorOutput = null)
{
    // After the tool exits, a background process it left running may still hold its output open; its later output is
    // not waited for beyond this.
    private static readonly TimeSpan DrainGrace = TimeSpan.FromSeconds(5);

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Runs <paramref name="tool"/> and returns how it ended; a non-zero exit is a result, not an exception (see
    /// <see cref="ProcessResult.EnsureSucceeded"/>). Throws <see cref="ProcessFailedException"/> when the tool cannot
    /// be started and <see cref="OperationCanceledException"/> once the cancelled tool's process tree is gone.
    /// </summary>
    public async Task<ProcessResult> RunAsync(string tool, IEnumerable<string> arguments, ProcessOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ProcessOptions();
        cancellationToken.ThrowIfCancellationRequested();
        var lines = new OutputLines(output, errorOutput ?? output, masker, options.TailLines);
        using var process = new Process { StartInfo = StartInfo(tool, arguments, options) };
        var watch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ProcessFailedException($"could not start '{tool}': {e.Message}", tool, null, [], e);
        }

        process.StandardInput.Close();
        var drained = Task.WhenAll(Pump(process.StandardOutput, lines, isError: false), Pump(process.StandardError, lines, isError: true));
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None);
            await Task.WhenAny(drained, Task.Delay(DrainGrace, CancellationToken.None));
            lines.Close();
            throw;
        }

        await Task.WhenAny(drained, Task.Delay(DrainGrace, CancellationToken.None));
        var tail = lines.Close();
        lines.ThrowIfOutputFailed();
        return new ProcessResult(tool, process.ExitCode, options.SuccessExitCodes.Contains(process.ExitCode), tail, watch.Elapsed);
    }

    private static ProcessStartInfo StartInfo(string tool, IEnumerable<string> arguments, ProcessOptions options)
    {
        var start = new ProcessStartInfo(tool)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Utf8,
            StandardErrorEncoding = Utf8,
        };
        if (options.WorkingDirectory is { } directory)
        {
            start.WorkingDirectory = directory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }

    private static async Task Pump(StreamReader reader, OutputLines lines, bool isError)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Add(line, isError);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The runner stopped waiting for a pipe a leftover background process held open, and disposed it.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }
        catch (Win32Exception)
        {
            // A descendant that could not be signalled; the tool itself is gone or going.
        }
    }

    // Masks each line, keeps the tail and forwards lines one at a time; after Close, late lines are dropped so that
    // a caller's log is not written to after the run returned. A callback that throws is not called again, but the
    // pipes are still read to the end (a tool blocked on a full pipe would never exit) and the error is rethrown then.
    private sealed class OutputLines(Action<string>? output, Action<string>? errorOutput, SecretMasker? masker, int tailLines)
    {
        private readonly Lock _gate = new();
        private readonly Queue<string> _tail = new();
        private bool _closed;
        private ExceptionDispatchInfo? _outputFailure;

        public void Add(string line, bool isError)
        {
            var masked = masker?.Mask(line) ?? line;
            lock (_gate)
            {
                if (_closed)
                {
                    return;
                }

                _tail.Enqueue(masked);
                while (_tail.Count > Math.Max(0, tailLines))
                {
                    _tail.Dequeue();
                }

                if (_outputFailure is null)
                {
                    try
                    {
                        (isError ? errorOutput : output)?.Invoke(masked);
                    }
                    catch (Exception e)
                    {
                        _outputFailure = ExceptionDispatchInfo.Capture(e);
                    }
                }
            }
        }

        public void ThrowIfOutputFailed()
        {
            ExceptionDispatchInfo? failure;
            lock (_gate)
            {
                failure = _outputFailure;
            }

            failure?.Throw();
        }

        public IReadOnlyList<string> Close()
        {
            lock (_gate)
            {
                _closed = true;
                return [.. _tail];
            }
        }
    }
}
