namespace LlmOps.Core.Tests.Artifacts;

/// <summary>Runs alone: SOURCE_DATE_EPOCH is process-wide, and other tests archive models while it is unset.</summary>
[CollectionDefinition(DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;

[Collection(typeof(ProcessEnvironmentCollection))]
public sealed class SourceDateEpochTests
{
    [Theory]
    [InlineData(null, "1980-01-01T00:00:00+00:00")]
    [InlineData("", "1980-01-01T00:00:00+00:00")]
    [InlineData("1700000000", "2023-11-14T22:13:20+00:00")]
    [InlineData("0", "1980-01-01T00:00:00+00:00")]
    [InlineData("99999999999999999999", "2107-12-31T23:59:58+00:00")]
    public void SOURCE_DATE_EPOCH_sets_the_timestamp_within_what_zip_can_hold(string? value, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), With(value, () => StableZip.Timestamp));
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("-5")]
    [InlineData("1.5")]
    public void A_malformed_SOURCE_DATE_EPOCH_fails_instead_of_being_guessed(string value)
    {
        var error = Assert.Throws<StageFailedException>(() => With(value, () => StableZip.Timestamp));
        Assert.Contains(StableZip.SourceDateEpochVariable, error.Message);
    }

    private static T With<T>(string? value, Func<T> read)
    {
        var previous = Environment.GetEnvironmentVariable(StableZip.SourceDateEpochVariable);
        Environment.SetEnvironmentVariable(StableZip.SourceDateEpochVariable, value);
        try
        {
            return read();
        }
        finally
        {
            Environment.SetEnvironmentVariable(StableZip.SourceDateEpochVariable, previous);
        }
    }
}
