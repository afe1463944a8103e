using System.Text.Json;
using System.Text.Json.Serialization;

namespace LlmOps.Runtime.Tests.Serialization;

public sealed class KebabCaseEnumConverterTests
{
    [JsonConverter(typeof(KebabCaseEnumConverter<Phase>))]
    public enum Phase
    {
        Pending,
        NotRun,
        Succeeded,
    }

    public sealed record Holder(Phase Status, Phase? Maybe);

    [Fact]
    public void Values_are_written_in_kebab_case_and_read_back()
    {
        var json = JsonSerializer.Serialize(new Holder(Phase.NotRun, Phase.Succeeded));

        Assert.Equal("""{"Status":"not-run","Maybe":"succeeded"}""", json);
        Assert.Equal(new Holder(Phase.NotRun, Phase.Succeeded), JsonSerializer.Deserialize<Holder>(json));
    }

    [Fact]
    public void Numbers_and_unknown_names_are_rejected()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>("""{"Status":1}"""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Holder>("""{"Status":"exploded"}"""));
    }

    [Fact]
    public void Names_for_messages_match_the_json_spelling()
    {
        Assert.Equal(["pending", "not-run", "succeeded"], Enum.GetValues<Phase>().Select(KebabCaseName.Of));
    }
}
