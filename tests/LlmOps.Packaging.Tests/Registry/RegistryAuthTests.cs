using System.Net;
using System.Text;
using LlmOps.Packaging.Oci;

namespace LlmOps.Packaging.Tests.Registry;

/// <summary>
/// The distribution spec's token login, as ghcr.io and Docker Hub answer it: a 401 naming a bearer realm, a token from
/// that realm for the login, the request repeated with it. Played by a handler that answers as such a registry does.
/// </summary>
public sealed class RegistryAuthTests
{
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes("{\"schemaVersion\":2}");
    private static readonly string Digest = "sha256:" + Sha256File.Of(Manifest);

    [Fact]
    public async Task A_registry_asking_for_a_bearer_token_gets_one_from_its_realm_with_the_login_once_and_the_request_is_repeated()
    {
        var registry = new TokenRegistry("alice", "s3cret-token");
        using var client = new OciRegistryClient(new HttpClient(registry), new OciCredentials("alice", "s3cret-token"));
        var reference = OciReference.Parse($"registry.test/team/model@{Digest}");

        Assert.Equal(Manifest, await client.GetManifestAsync(reference, TestContext.Current.CancellationToken));
        Assert.Equal(Manifest, await client.GetManifestAsync(reference, TestContext.Current.CancellationToken));

        Assert.Equal(1, registry.TokensIssued);
        Assert.Equal("service=registry.test&scope=repository%3Ateam%2Fmodel%3Apull", registry.TokenQuery);
    }

    [Fact]
    public async Task A_refused_login_names_the_user_and_the_scope_but_never_the_password()
    {
        var registry = new TokenRegistry("alice", "s3cret-token");
        using var client = new OciRegistryClient(new HttpClient(registry), new OciCredentials("alice", "wrong-pass-42"));

        var error = await Assert.ThrowsAsync<OciException>(() => client.GetManifestAsync(OciReference.Parse($"registry.test/team/model@{Digest}"), TestContext.Current.CancellationToken));

        Assert.Contains("refused the login of 'alice' for scope 'repository:team/model:pull'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-pass-42", error.Message, StringComparison.Ordinal);
    }

    private sealed class TokenRegistry(string user, string password) : HttpMessageHandler
    {
        public int TokensIssued { get; private set; }

        public string? TokenQuery { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (uri.Host == "auth.test")
            {
                TokenQuery = uri.Query.TrimStart('?');
                var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
                if (request.Headers.Authorization is not { Scheme: "Basic" } auth || auth.Parameter != basic)
                {
                    return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized));
                }

                TokensIssued++;
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"token\":\"tok-1\"}") });
            }

            if (request.Headers.Authorization is not { Scheme: "Bearer", Parameter: "tok-1" })
            {
                var challenge = new HttpResponseMessage(HttpStatusCode.Unauthorized);
                challenge.Headers.WwwAuthenticate.ParseAdd("Bearer realm=\"https://auth.test/token\",service=\"registry.test\",scope=\"repository:team/model:pull\"");
                return Task.FromResult(challenge);
            }

            return Task.FromResult(uri.AbsolutePath == $"/v2/team/model/manifests/{Digest}"
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Manifest) }
                : new HttpResponseMessage(HttpStatusCode.NotFound));
        }
    }
}
