using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace LlmOps.Packaging.Oci;

/// <summary>
/// The distribution spec's login dance: a request answered 401 names a scheme in <c>WWW-Authenticate</c>; for
/// <c>Basic</c> the credentials are sent, for <c>Bearer</c> a token is fetched from the named realm (with the
/// credentials, or anonymously) and kept per scope for the client's life.
/// </summary>
internal sealed class RegistryAuth(HttpClient http, OciCredentials? credentials)
{
    private readonly Dictionary<string, AuthenticationHeaderValue> _byScope = new(StringComparer.Ordinal);
    private AuthenticationHeaderValue? _last;

    public AuthenticationHeaderValue? Current => _last;

    /// <summary>Decides the header to retry with after a 401; null when there is nothing better to send.</summary>
    public async Task<AuthenticationHeaderValue?> AfterChallengeAsync(HttpResponseMessage unauthorized, CancellationToken cancellationToken)
    {
        var challenge = unauthorized.Headers.WwwAuthenticate.FirstOrDefault();
        if (challenge is null)
        {
            return null;
        }

        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return _last = credentials is null ? null : new AuthenticationHeaderValue("Basic", credentials.Basic);
        }

        if (!challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var parameters = Parameters(challenge.Parameter ?? "");
        if (!parameters.TryGetValue("realm", out var realm))
        {
            return null;
        }

        var scope = parameters.GetValueOrDefault("scope") ?? "";
        if (_byScope.TryGetValue(scope, out var cached) && cached != _last)
        {
            return _last = cached;
        }

        var query = string.Join("&", new[] { ("service", parameters.GetValueOrDefault("service")), ("scope", scope) }
            .Where(p => !string.IsNullOrEmpty(p.Item2))
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, realm + (query.Length == 0 ? "" : (realm.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query));
        if (credentials is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials.Basic);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new OciException($"the registry's token service {new Uri(realm).Host} refused {(credentials is null ? "an anonymous login" : $"the login of '{credentials.Username}'")} for scope '{scope}' ({(int)response.StatusCode})");
        }

        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        var token = json.RootElement.TryGetProperty("token", out var t) ? t.GetString()
            : json.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
        if (string.IsNullOrEmpty(token))
        {
            throw new OciException($"the registry's token service {new Uri(realm).Host} answered without a token");
        }

        return _last = _byScope[scope] = new AuthenticationHeaderValue("Bearer", token);
    }

    // realm="https://ghcr.io/token",service="ghcr.io",scope="repository:a/b:pull"
    private static Dictionary<string, string> Parameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (i < text.Length)
        {
            var eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                break;
            }

            var name = text[i..eq].Trim(' ', ',');
            i = eq + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                end = end < 0 ? text.Length : end;
                value = text[(i + 1)..end];
                i = end + 1;
            }
            else
            {
                var end = text.IndexOf(',', i);
                end = end < 0 ? text.Length : end;
                value = text[i..end];
                i = end;
            }

            result[name] = value;
        }

        return result;
    }
}
