namespace LlmOps.DataValidation;

/// <summary>Stable identifiers of every rule; findings and report rows carry them.</summary>
public static class RuleIds
{
    /// <summary>The split's file does not exist.</summary>
    public const string FileNotFound = "file.not-found";

    /// <summary>The split's path is a directory.</summary>
    public const string FileIsDirectory = "file.is-directory";

    /// <summary>The split's file has no examples.</summary>
    public const string FileEmpty = "file.empty";

    /// <summary>The split's file could not be read (permissions, I/O error).</summary>
    public const string FileUnreadable = "file.unreadable";

    /// <summary>The line is not valid JSON.</summary>
    public const string MalformedJson = "structure.malformed-json";

    /// <summary>The line is not valid UTF-8.</summary>
    public const string InvalidUtf8 = "structure.invalid-utf8";

    /// <summary>The file starts with a UTF-8 byte-order mark.</summary>
    public const string Bom = "structure.bom";

    /// <summary>The line contains a raw NUL byte.</summary>
    public const string NulByte = "structure.nul-byte";

    /// <summary>The line is longer than the configured maximum and was skipped unread.</summary>
    public const string LineTooLong = "structure.line-too-long";

    /// <summary>A blank line between examples.</summary>
    public const string EmptyLine = "structure.empty-line";

    /// <summary>A field has the wrong JSON type or an invalid value.</summary>
    public const string WrongType = "structure.wrong-type";

    /// <summary>A required field is absent.</summary>
    public const string MissingField = "structure.missing-field";

    /// <summary>A field the format does not define.</summary>
    public const string UnknownField = "structure.unknown-field";

    /// <summary>A message role outside system/user/assistant/tool.</summary>
    public const string UnknownRole = "structure.unknown-role";

    /// <summary>Empty or whitespace-only content.</summary>
    public const string EmptyContent = "structure.empty-content";

    /// <summary>A conversation whose last message is not from the assistant.</summary>
    public const string LastTurnNotAssistant = "structure.last-turn-not-assistant";

    /// <summary>A field used where the format does not allow it (e.g. tool_calls on a user message).</summary>
    public const string MisplacedField = "structure.misplaced-field";

    /// <summary>A preference pair whose chosen and rejected answers are identical.</summary>
    public const string IdenticalPair = "structure.identical-pair";

    /// <summary>A custom record failed its data-annotation or IValidatableObject checks.</summary>
    public const string RecordValidation = "structure.record-validation";

    /// <summary>A string or key holds a <c>\uD800</c>-style escape without its surrogate partner (counted as U+FFFD).</summary>
    public const string LoneSurrogate = "structure.lone-surrogate";

    /// <summary>An object has the same key twice; readers disagree about which value counts.</summary>
    public const string DuplicateKey = "structure.duplicate-key";

    /// <summary>The line nests arrays and objects deeper than the validator reads.</summary>
    public const string TooDeep = "structure.too-deep";

    /// <summary>A tool call's <c>function.arguments</c> is not a JSON text.</summary>
    public const string ToolArgumentsNotJson = "structure.tool-arguments-not-json";

    /// <summary>A tool message's <c>tool_call_id</c> names no tool call of an earlier assistant message.</summary>
    public const string UnmatchedToolCallId = "structure.unmatched-tool-call-id";

    /// <summary>Text that spells a special token such as <c>&lt;|endoftext|&gt;</c> inside content.</summary>
    public const string SpecialTokenText = "tokens.special-token-text";

    /// <summary>An example has more tokens than the configured limit.</summary>
    public const string MaxTokens = "tokens.max";

    /// <summary>Prefix of the PII rule ids (<c>pii.email</c>, <c>pii.payment-card</c>...).</summary>
    public const string PiiPrefix = "pii.";

    /// <summary>Exact (normalised) duplicates within a split above the allowed rate.</summary>
    public const string ExactDuplicates = "duplicates.exact";

    /// <summary>Near duplicates (MinHash Jaccard) within a split above the allowed rate.</summary>
    public const string NearDuplicates = "duplicates.near";

    /// <summary>Examples of one split that also occur (normalised) in another.</summary>
    public const string ExactLeakage = "leakage.exact";

    /// <summary>Examples of one split that nearly occur in another.</summary>
    public const string NearLeakage = "leakage.near";

    /// <summary>The validator hit an unexpected internal error on one line; the scan continued.</summary>
    public const string Internal = "internal.error";

    /// <summary>The PII rule id for one kind.</summary>
    public static string ForPii(PiiKind kind) => kind switch
    {
        PiiKind.Email => "pii.email",
        PiiKind.Phone => "pii.phone",
        PiiKind.PaymentCard => "pii.payment-card",
        PiiKind.UsSsn => "pii.us-ssn",
        PiiKind.Iban => "pii.iban",
        PiiKind.IPv4 => "pii.ipv4",
        PiiKind.IPv6 => "pii.ipv6",
        PiiKind.AwsAccessKey => "pii.aws-access-key",
        PiiKind.GitHubToken => "pii.github-token",
        PiiKind.PrivateKey => "pii.private-key",
        PiiKind.Jwt => "pii.jwt",
        _ => "pii.other",
    };
}
