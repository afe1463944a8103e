using System.Text.RegularExpressions;

namespace LlmOps.Tracking.Mlflow;

/// <summary>
/// Credentials written into a tracking URI (<c>https://user:pw@host</c>): MLflow's Python client sends them as Basic
/// auth, percent-decoded, and so does this client. They are taken out of the URI so it can be shown and logged.
/// </summary>
public static partial class UriCredentials
{
    /// <summary>The URI without user info, and the percent-decoded user name and password it carried (null when absent).</summary>
    public static (Uri Bare, string? User, string? Password) Split(Uri uri)
    {
        if (!uri.IsAbsoluteUri || uri.UserInfo.Length == 0)
        {
            return (uri, null, null);
        }

        var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
        var user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
        var password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        var bare = new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
        return (bare, user.Length == 0 ? null : user, password);
    }

    /// <summary>
    /// <paramref name="uri"/> with any user info replaced by <c>***</c>. Works on text that is not a valid URI too,
    /// since a malformed URI is exactly what ends up in an error message.
    /// </summary>
    public static string Mask(string uri) => UserInfoPattern().Replace(uri, "$1***@");

    [GeneratedRegex(@"^(\s*[A-Za-z][A-Za-z0-9+.\-]*://)[^/?#]*@")]
    private static partial Regex UserInfoPattern();
}
