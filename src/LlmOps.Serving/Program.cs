using LlmOps.Serving.Hosting;

// llmops-serving serve|route|probe: one binary, so the serving image also carries the router and its own health probe
// (no curl or shell is needed in the image for HEALTHCHECK).
return await ServingCommand.RunAsync(args, Console.Out, Console.Error);
