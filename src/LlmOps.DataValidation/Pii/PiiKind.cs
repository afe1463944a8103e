namespace LlmOps.DataValidation;

/// <summary>Kinds of personal data and secrets the PII rule looks for.</summary>
[Flags]
public enum PiiKind
{
    /// <summary>No PII detection.</summary>
    None = 0,

    /// <summary>E-mail addresses.</summary>
    Email = 1 << 0,

    /// <summary>Phone numbers (North-American and international '+' formats).</summary>
    Phone = 1 << 1,

    /// <summary>Payment card numbers that pass the Luhn check.</summary>
    PaymentCard = 1 << 2,

    /// <summary>US social security numbers written as ddd-dd-dddd.</summary>
    UsSsn = 1 << 3,

    /// <summary>IBANs that pass the ISO 13616 mod-97 check.</summary>
    Iban = 1 << 4,

    /// <summary>IPv4 addresses.</summary>
    IPv4 = 1 << 5,

    /// <summary>IPv6 addresses.</summary>
    IPv6 = 1 << 6,

    /// <summary>AWS access key ids (AKIA.../ASIA...).</summary>
    AwsAccessKey = 1 << 7,

    /// <summary>GitHub tokens (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_).</summary>
    GitHubToken = 1 << 8,

    /// <summary>PEM private-key blocks.</summary>
    PrivateKey = 1 << 9,

    /// <summary>JSON Web Tokens.</summary>
    Jwt = 1 << 10,

    /// <summary>Both IP address kinds.</summary>
    IpAddress = IPv4 | IPv6,

    /// <summary>Every secret kind (cloud keys, tokens, private keys, JWTs).</summary>
    Secrets = AwsAccessKey | GitHubToken | PrivateKey | Jwt,

    /// <summary>Every kind.</summary>
    All = Email | Phone | PaymentCard | UsSsn | Iban | IpAddress | Secrets,
}
