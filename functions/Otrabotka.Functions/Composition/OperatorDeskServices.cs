using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Composition;

/// <summary>The operators' desk (issue 15): index, counters, audit trail, and their use cases.</summary>
public static class OperatorDeskServices
{
    public static IServiceCollection AddOperatorDesk(this IServiceCollection services)
    {
        services.AddSingleton<OperatorIndex>();
        services.AddSingleton<OperatorIndexReader>();
        services.AddSingleton<OperatorCounters>();
        services.AddSingleton<OperatorAuditLog>();
        services.AddSingleton<GraduateCorrections>();
        services.AddSingleton<FindGraduates>();
        services.AddSingleton<ReadDashboard>();
        services.AddSingleton<ExportDefaulted>();
        services.AddSingleton<ReadAuditTrail>();
        services.AddSingleton<CorrectGraduate>();
        services.AddSingleton<OperatorResyncStore>();
        services.AddSingleton<ResyncOperatorIndex>();
        services.AddSingleton<SyncCalendarMoves>();
        services.AddSingleton<Http.OperatorAccess>();
        return services;
    }
}
