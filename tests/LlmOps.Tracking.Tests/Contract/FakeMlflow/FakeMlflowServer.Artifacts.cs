using Microsoft.AspNetCore.Http;

namespace LlmOps.Tracking.Tests.Contract.FakeMlflow;

/// <summary>The mlflow-artifacts proxy: raw PUT/GET bodies, basename listings, 500 for a missing file, 400 for unsafe paths.</summary>
public sealed partial class FakeMlflowServer
{
    private async Task HandleArtifactsAsync(HttpContext ctx, string rest)
    {
        if (rest.Length == 0 && ctx.Request.Method == "GET")
        {
            var dir = (ctx.Request.Query["path"].ToString() ?? "").Trim('/');
            List<object> files;
            lock (Store.Gate)
            {
                files = ListChildren(dir);
            }

            await WriteJsonAsync(ctx, 200, files.Count == 0 ? new { } : new { Files = files });
            return;
        }

        var path = Uri.UnescapeDataString(rest.TrimStart('/'));
        if (path.Split('/').Any(s => s is ".." or ".") || path.Contains('\\', StringComparison.Ordinal) || path.StartsWith('/'))
        {
            throw FakeError.Invalid("Invalid path");
        }

        switch (ctx.Request.Method)
        {
            case "PUT":
                using (var buffer = new MemoryStream())
                {
                    await ctx.Request.Body.CopyToAsync(buffer);
                    lock (Store.Gate)
                    {
                        Store.Artifacts[path] = buffer.ToArray();
                    }
                }

                await WriteJsonAsync(ctx, 200, new { });
                return;
            case "GET" when path.Contains("/slow-", StringComparison.Ordinal):
                // Sends a first chunk, then holds the rest until the test releases it: proves the client streams.
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentType = "application/octet-stream";
                await ctx.Response.Body.WriteAsync(new byte[1024]);
                await ctx.Response.Body.FlushAsync();
                await SlowDownloadRelease.Task;
                await ctx.Response.Body.WriteAsync(new byte[1024]);
                return;
            case "GET":
                byte[]? bytes;
                lock (Store.Gate)
                {
                    bytes = Store.Artifacts.GetValueOrDefault(path);
                }

                if (bytes is null)
                {
                    throw new FakeError(500, "INTERNAL_ERROR", $"File {path} #####\n[Errno 2] No such file or directory: '/srv/mlflow/artifacts/{path}'");
                }

                ctx.Response.StatusCode = 200;
                ctx.Response.ContentType = "application/octet-stream";
                ctx.Response.Headers.ContentDisposition = $"attachment; filename={Path.GetFileName(path)}";
                await ctx.Response.Body.WriteAsync(bytes);
                return;
            default:
                await WriteHtmlAsync(ctx, 405, "405 Method Not Allowed", "Method Not Allowed", "The method is not allowed for the requested URL.");
                return;
        }
    }

    public TaskCompletionSource SlowDownloadRelease { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private List<object> ListChildren(string dir)
    {
        var prefix = dir.Length == 0 ? "" : dir + "/";
        var entries = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (path, bytes) in Store.Artifacts)
        {
            if (!path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var rest = path[prefix.Length..];
            var slash = rest.IndexOf('/');
            if (slash < 0)
            {
                entries[rest] = new { Path = rest, IsDir = false, FileSize = (long)bytes.Length };
            }
            else
            {
                entries[rest[..slash]] = new { Path = rest[..slash], IsDir = true };
            }
        }

        return [.. entries.Values];
    }
}
