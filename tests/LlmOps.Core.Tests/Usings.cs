global using LlmOps.Cli;
global using LlmOps.Core.Tests.Support;
global using LlmOps.Dsl;
global using LlmOps.Execution;
global using LlmOps.Planning;
global using Xunit;
