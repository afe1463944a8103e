namespace LlmOps.Core.Tests.Analysis;

/// <summary>
/// For every shape in which code is reached, an edit to what Train reaches changes Train's identity, and an edit to
/// code only another stage reaches changes neither Train's nor Validate's.
/// </summary>
public sealed class CodeShapeTests
{
    [Theory]
    [MemberData(nameof(CodeShape.Names), MemberType = typeof(CodeShape))]
    public void Train_sees_an_edit_in_the_code_it_reaches_and_no_other(string name)
    {
        var shape = CodeShape.Named(name);
        using var original = Variant.Compile(shape.Source(v: 2, u: 1));
        using var trainEdited = Variant.Compile(shape.Source(v: 3, u: 1));
        using var elsewhereEdited = Variant.Compile(shape.Source(v: 2, u: 5));
        var before = original.Analyse();
        var edited = trainEdited.Analyse();
        var unrelated = elsewhereEdited.Analyse();

        Assert.True(before["Shape.Train"].IsComplete, before["Shape.Train"].WholeAssemblyNote);
        Assert.NotEqual(before["Shape.Train"].CodeHash, edited["Shape.Train"].CodeHash);
        Assert.Equal(before["Shape.Validate"].CodeHash, edited["Shape.Validate"].CodeHash);
        Assert.Equal(before["Shape.Train"].CodeHash, unrelated["Shape.Train"].CodeHash);
        Assert.NotEqual(before["Shape.Elsewhere"].CodeHash, unrelated["Shape.Elsewhere"].CodeHash);
    }
}
