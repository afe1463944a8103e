// Test helper: runs CrashPipeline through the real command line in its own process, so a test can kill it with
// SIGKILL while a stage is half-way through writing its output.
using LlmOps.Cli;
using LlmOps.Core.Tests.CrashChild;

return new LlmOpsApp(typeof(CrashPipeline)).Run(args);
