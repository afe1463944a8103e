using LlmOps.Tracking.Local;
using LlmOps.Tracking.Mlflow;
using LlmOps.Tracking.Tests.Contract.FakeMlflow;
using LlmOps.Tracking.Tests.Support;

namespace LlmOps.Tracking.Tests.Mlflow;

/// <summary>
/// MLflow takes a filter's string value verbatim between its quotes (no escapes), so a value holding <c>'</c> is
/// written in double quotes; one holding both quotes is matched with LIKE and compared exactly by the client.
/// </summary>
public sealed class SearchFilterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_value_is_quoted_with_the_quote_it_does_not_contain()
    {
        Assert.Equal("name = 'support-bot'", SearchFilter.NameEquals("support-bot"));
        Assert.Equal("name = \"bob's model\"", SearchFilter.NameEquals("bob's model"));
        Assert.Equal("name LIKE 'a_b_c'", SearchFilter.NameEquals("a'b\"c"));
        Assert.Equal("tags.`llmops.stage` = \"it's\"", SearchFilter.TagEquals("llmops.stage", "it's"));
        Assert.Throws<ArgumentException>(() => SearchFilter.TagEquals("k", "a'b\"c"));
    }

    [Theory]
    [InlineData("bob's model")]
    [InlineData("say \"hi\" o'clock")]
    public async Task A_model_whose_name_holds_quotes_is_pushed_once_and_found_again(string name)
    {
        using var dir = new TempDir();
        await using var server = await FakeMlflowServer.StartAsync();
        using var client = TestClients.Client(server, "pushed");
        await using var local = new LocalTracker(dir.Path);
        var pipeline = await local.StartPipelineRunAsync("fine-tune", "exec-1", cancellationToken: Ct);
        await local.RegisterModelVersionAsync(name, "s3://bucket/model/v1", null, Ct);
        await local.EndRunAsync(pipeline, RunStatus.Finished, Ct);
        var pusher = new LocalRunPusher(local, client);

        var first = await pusher.PushAllAsync(Ct);
        var again = await pusher.PushAllAsync(Ct);

        Assert.Equal(1, first.ModelVersionsPushed);
        Assert.Equal(0, again.ModelVersionsPushed);
        Assert.Equal("s3://bucket/model/v1", Assert.Single(server.Store.Models[name].Versions).Source);
    }

    [Fact]
    public async Task The_contract_server_takes_a_value_verbatim_between_its_quotes_as_MLflow_does()
    {
        await using var server = await FakeMlflowServer.StartAsync();
        using var client = TestClients.Client(server);
        await client.Api.CreateRegisteredModelAsync(new CreateRegisteredModelRequest { Name = "it's" }, Ct);

        Assert.Single((await client.Api.SearchRegisteredModelsAsync("name = \"it's\"", cancellationToken: Ct)).RegisteredModels!);
        Assert.Null((await client.Api.SearchRegisteredModelsAsync("name = 'it''s'", cancellationToken: Ct)).RegisteredModels);
        var broken = await Assert.ThrowsAsync<MlflowException>(() => client.Api.SearchRegisteredModelsAsync("name = 'it's'", cancellationToken: Ct));
        Assert.Equal(400, broken.StatusCode);
    }
}
