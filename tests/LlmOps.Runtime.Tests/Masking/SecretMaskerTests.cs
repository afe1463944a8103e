namespace LlmOps.Runtime.Tests.Masking;

public sealed class SecretMaskerTests
{
    [Fact]
    public void A_secret_that_contains_another_is_hidden_whole()
    {
        var masker = new SecretMasker(["abc", "xxabcxx", ""]);

        Assert.Equal("token=*** and ***", masker.Mask("token=xxabcxx and abc"));
    }

    [Fact]
    public void Overlapping_secrets_are_hidden_together_as_one_placeholder()
    {
        var masker = new SecretMasker(["abcd", "cdef"]);

        Assert.Equal("x *** y", masker.Mask("x abcdef y"));
        Assert.Equal("***", masker.Mask("abcdabcd"));
    }

    [Fact]
    public void The_order_secrets_are_added_in_does_not_matter()
    {
        var shortFirst = new SecretMasker();
        shortFirst.Add("token");
        shortFirst.Add("token-rotated");
        var longFirst = new SecretMasker(["token-rotated", "token"]);

        Assert.Equal("a=*** b=***", shortFirst.Mask("a=token-rotated b=token"));
        Assert.Equal(shortFirst.Mask("a=token-rotated b=token"), longFirst.Mask("a=token-rotated b=token"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("ab")]
    public void Values_shorter_than_the_minimum_are_not_registered(string? value)
    {
        var masker = new SecretMasker();

        Assert.False(masker.Add(value));
        Assert.True(masker.IsEmpty);
        Assert.Equal("step 1 of ab", masker.Mask("step 1 of ab"));
    }

    [Fact]
    public void A_value_of_the_minimum_length_is_masked()
    {
        var masker = new SecretMasker();

        Assert.True(masker.Add(new string('7', SecretMasker.MinimumLength)));
        Assert.Equal("pin ***", masker.Mask("pin 777"));
    }

    [Fact]
    public void Each_line_of_a_multi_line_secret_is_masked_on_its_own()
    {
        var masker = new SecretMasker(["-----BEGIN KEY-----\r\nMIIEvQIBADANBg\r\n-----END KEY-----"]);

        Assert.Equal("***", masker.Mask("MIIEvQIBADANBg"));
        Assert.Equal("key: ***", masker.Mask("key: -----BEGIN KEY-----\r\nMIIEvQIBADANBg\r\n-----END KEY-----"));
    }

    [Fact]
    public void Text_without_secrets_comes_back_as_the_same_instance()
    {
        var masker = new SecretMasker(["secret"]);
        var text = "nothing to hide";

        Assert.Same(text, masker.Mask(text));
    }

    [Fact]
    public void Masking_while_secrets_are_added_from_other_threads_never_leaks_a_registered_secret()
    {
        var masker = new SecretMasker();
        var secrets = Enumerable.Range(0, 200).Select(i => $"secret-{i:D4}-value").ToArray();

        Parallel.For(0, secrets.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            masker.Add(secrets[i]);
            // Every secret added so far by this thread must be hidden, whatever the other threads are adding.
            Assert.Equal("[***]", masker.Mask($"[{secrets[i]}]"));
            _ = masker.Mask(string.Join(' ', secrets));
        });

        Assert.Equal(string.Join(' ', Enumerable.Repeat("***", secrets.Length)), masker.Mask(string.Join(' ', secrets)));
    }
}
