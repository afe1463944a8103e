using LlmOps.Build;
using LlmOps.Cli;
using LlmOps.Pipelines.FineTune;
using LlmOps.Pipelines.Support;

// The entry point behind ./build.sh: every pipeline of this repository, and the built-in commands.
return new LlmOpsApp(typeof(SupportPipeline), typeof(FineTunePipeline), typeof(BuildPipeline)).Run(args);
