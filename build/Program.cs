using LlmOps.Build;
using LlmOps.Cli;

// The entry point behind ./build.sh: every pipeline of this repository, and the built-in commands.
return new LlmOpsApp(RepositoryPipelines.All).Run(args);
