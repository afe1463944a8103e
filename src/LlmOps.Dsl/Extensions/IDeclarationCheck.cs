namespace LlmOps.Dsl;

/// <summary>
/// Implemented by features that can only judge their settings against the whole stage (a container command naming an
/// artifact the stage does not consume). The loader asks once the stage is fully declared, whatever the order of the
/// declarations, and reports each problem as a definition error naming the stage.
/// </summary>
public interface IDeclarationCheck
{
    /// <summary>Problems with this feature in <paramref name="stage"/>, in words; empty when it is consistent.</summary>
    IEnumerable<string> Check(IStageDeclaration stage);
}
