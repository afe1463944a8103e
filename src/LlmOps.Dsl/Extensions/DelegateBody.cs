namespace LlmOps.Dsl;

/// <summary>The body given to <c>Executes</c>: a delegate written in the pipeline.</summary>
/// <param name="Action">The delegate; the code analysis walks its method.</param>
/// <param name="Run">How to run it.</param>
internal sealed record DelegateBody(Delegate Action, Func<StageContext, Task> Run) : IStageBody
{
    public string Kind => "Executes";

    public Task RunAsync(StageContext context, IStageDeclaration stage) => Run(context);
}
