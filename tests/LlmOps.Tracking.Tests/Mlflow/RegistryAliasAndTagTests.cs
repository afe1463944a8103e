using LlmOps.Tracking.Mlflow;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Mlflow;

/// <summary>Aliases and model-version tags through <see cref="MlflowRegistry"/>, end to end, in the shapes the transcripts show.</summary>
public sealed class RegistryAliasAndTagTests
{
    public static TheoryData<MlflowServerVersion> Versions => [MlflowServerVersion.V2_10_2, MlflowServerVersion.V2_17_2, MlflowServerVersion.V3_6];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task An_alias_is_set_moved_read_and_deleted(MlflowServerVersion version)
    {
        await using var server = await FakeMlflowServer.StartAsync(version);
        using var client = TestClients.Client(server);
        await TwoVersionsAsync(client);

        await client.SetAliasAsync("m", "champion", "1", Ct);
        await client.SetAliasAsync("m", "champion", "2", Ct);

        var found = await client.FindVersionByAliasAsync("m", "champion", Ct);
        Assert.Equal("2", found!.Version);
        Assert.Equal(["champion"], found.Aliases!);
        var model = (await client.Api.GetRegisteredModelAsync("m", Ct)).RegisteredModel!;
        Assert.Equal([new ModelAlias("champion", "2")], model.Aliases!);
        Assert.Null((await client.Api.GetModelVersionAsync("m", "1", Ct)).ModelVersion!.Aliases);

        await client.DeleteAliasAsync("m", "champion", Ct);

        Assert.Null(await client.FindVersionByAliasAsync("m", "champion", Ct));
        Assert.Empty(server.Store.Models["m"].Aliases);
    }

    [Theory]
    [InlineData("latest")]
    [InlineData("v2")]
    [InlineData("has space")]
    public async Task Reserved_or_malformed_aliases_are_refused_by_the_server(string alias)
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var client = TestClients.Client(server);
        await TwoVersionsAsync(client);

        var ex = await Assert.ThrowsAsync<MlflowException>(() => client.SetAliasAsync("m", alias, "1", Ct));

        Assert.Equal((400, "INVALID_PARAMETER_VALUE"), (ex.StatusCode, ex.ErrorCode));
    }

    [Fact]
    public async Task Looking_up_an_alias_of_a_missing_model_is_an_error_not_a_missing_alias()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var client = TestClients.Client(server);

        var ex = await Assert.ThrowsAsync<MlflowException>(() => client.FindVersionByAliasAsync("nope", "champion", Ct));

        Assert.True(ex.IsNotFound);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Model_version_tags_are_set_overwritten_and_deleted(MlflowServerVersion version)
    {
        await using var server = await FakeMlflowServer.StartAsync(version);
        using var client = TestClients.Client(server);
        await TwoVersionsAsync(client);

        await client.SetModelVersionTagAsync("m", "1", "eval/accuracy", "0.91", Ct);
        await client.SetModelVersionTagAsync("m", "1", "eval/accuracy", "0.93", Ct);
        await client.SetModelVersionTagAsync("m", "1", "approved_by", "ml-lead", Ct);

        var tags = (await client.Api.GetModelVersionAsync("m", "1", Ct)).ModelVersion!.Tags!;
        Assert.Equal([new KeyValue("vt", "1"), new KeyValue("eval/accuracy", "0.93"), new KeyValue("approved_by", "ml-lead")], tags);
        Assert.Null((await client.Api.GetModelVersionAsync("m", "2", Ct)).ModelVersion!.Tags);

        await client.DeleteModelVersionTagAsync("m", "1", "approved_by", Ct);

        Assert.Equal(["vt", "eval/accuracy"], (await client.Api.GetModelVersionAsync("m", "1", Ct)).ModelVersion!.Tags!.Select(t => t.Key));
        var missing = await Assert.ThrowsAsync<MlflowException>(() => client.SetModelVersionTagAsync("m", "9", "k", "v", Ct));
        Assert.True(missing.IsNotFound);
    }

    // Like the smoke transcripts: version 1 created with the tag vt=1, then a second version.
    private static async Task TwoVersionsAsync(MlflowClient client)
    {
        await client.Api.CreateRegisteredModelAsync(new CreateRegisteredModelRequest { Name = "m" }, Ct);
        await client.Api.CreateModelVersionAsync(new CreateModelVersionRequest { Name = "m", Source = "runs:/r/model", RunId = "r", Tags = [new KeyValue("vt", "1")] }, Ct);
        await client.Api.CreateModelVersionAsync(new CreateModelVersionRequest { Name = "m", Source = "runs:/r/model2", RunId = "r" }, Ct);
    }
}
