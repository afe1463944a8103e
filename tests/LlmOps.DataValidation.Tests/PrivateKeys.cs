using System.Text.Json;

namespace LlmOps.DataValidation.Tests;

/// <summary>Chat lines holding a (made-up) PEM private key in the shapes users paste them: whole, split, escaped.</summary>
internal static class PrivateKeys
{
    public const string Begin = "-----BEGIN RSA PRIVATE KEY-----";

    public const string End = "-----END RSA PRIVATE KEY-----";

    /// <summary>Body lines; each is long and distinctive, so a test can look for any of them in a copy.</summary>
    public static readonly string[] Body =
    [
        "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw",
        "7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxKLxoS2tFc",
        "zGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo9z+40RQzuVaE",
        "8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvredZiKRkgwlL9xNAwx",
    ];

    public static string Block(string newline = "\n") => string.Join(newline, [Begin, .. Body, End]);

    /// <summary>One key per shape: in one string, split over two content parts, with literal \n escapes, and without its END line.</summary>
    public static string[] Lines() =>
    [
        Chat.Pair("here is my deploy key:\n" + Block() + "\nwhy does ssh reject it?", "Never paste private keys."),
        JsonSerializer.Serialize(new
        {
            messages = new object[]
            {
                new { role = "user", content = new[] { new { type = "text", text = "key part one:\n" + Begin + "\n" + Body[0] + "\n" + Body[1] }, new { type = "text", text = Body[2] + "\n" + Body[3] + "\n" + End } } },
                new { role = "assistant", content = (object)"Rotate it now." },
            },
        }),
        Chat.Pair("escaped: " + Block("\\n"), "Rotate it now."),
        Chat.Pair("truncated paste\n" + Begin + "\n" + Body[0] + "\n" + Body[1], "Rotate it now."),
    ];
}
