using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Zhizhi.Orchard.Host.Data;

namespace Zhizhi.Orchard.Host.Operations;

/// <summary>Ready means the host database answers.</summary>
internal sealed class HostDatabaseHealthCheck(HostDb hostDb) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var db = hostDb.Create();
            return await db.Database.CanConnectAsync(ct) && await db.Townships.AnyAsync(ct)
                ? HealthCheckResult.Healthy("数据库可用")
                : HealthCheckResult.Unhealthy("数据库不可用");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("数据库不可用", ex);
        }
    }
}
