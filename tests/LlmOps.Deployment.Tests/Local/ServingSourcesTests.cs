namespace LlmOps.Deployment.Tests.Local;

public sealed class ServingSourcesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("llmops-serving-sources-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_hash_follows_the_sources_of_referenced_projects_and_ignores_build_outputs()
    {
        var project = Write("src/Serving/Serving.csproj", "<Project><ItemGroup><ProjectReference Include=\"../Chat/Chat.csproj\" /></ItemGroup></Project>");
        Write("src/Serving/Program.cs", "class P {}");
        Write("src/Chat/Chat.csproj", "<Project />");
        var model = Write("src/Chat/Model.cs", "class M {}");
        var unrelated = Write("src/Other/Other.cs", "class O {}");
        var first = ServingSources.Hash(project, _root);

        Write("src/Serving/bin/Release/out.json", "{}");
        Write("src/Chat/obj/project.assets.json", "{}");
        File.WriteAllText(unrelated, "class O { int x; }");
        Assert.Equal(first, ServingSources.Hash(project, _root));

        File.WriteAllText(model, "class M { int x; }");
        var changed = ServingSources.Hash(project, _root);
        Assert.NotEqual(first, changed);

        Write("Directory.Build.props", "<Project><PropertyGroup><Nullable>enable</Nullable></PropertyGroup></Project>");
        Assert.NotEqual(changed, ServingSources.Hash(project, _root));
    }

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
