using System.Reflection;
using LlmOps.Tracking.Mlflow;

namespace LlmOps.Tracking.Tests.Mlflow;

/// <summary>An <see cref="IMlflowApi"/> whose get-history always returns one point and the same token (the 3.4-3.13 server bug, with data).</summary>
internal sealed class RepeatingTokenApi
{
    public int Calls { get; private set; }

    public IMlflowApi Create()
    {
        var proxy = DispatchProxy.Create<IMlflowApi, Proxy>();
        ((Proxy)(object)proxy).Owner = this;
        return proxy;
    }

    public class Proxy : DispatchProxy
    {
        internal RepeatingTokenApi Owner { get; set; } = null!;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IMlflowApi.GetMetricHistoryAsync))
            {
                throw new NotSupportedException(targetMethod?.Name);
            }

            Owner.Calls++;
            return Task.FromResult(new MetricHistoryResponse { Metrics = [new Metric { Key = "m", Value = Owner.Calls }], NextPageToken = "eyJvZmZzZXQiOiAwfQ==" });
        }
    }
}
