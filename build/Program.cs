using LlmOps.Build;
using LlmOps.Cli;

// The entry point behind ./build.sh: every pipeline of this repository, discovered, and the built-in commands.
return new LlmOpsApp([.. PipelineAssemblies.Pipelines()]).Run(args);
